-- The major American parties and a few of their best-known leaders, for the State of the
-- Union demonstration report (bench/report-sotu). Format: docs/lexicons.md. Party spans
-- are the parties' lives; a person's membership runs over the years he led or stood
-- for the party (Encyclopaedia Britannica, "Presidents of the United States" and the
-- articles on each party). Kept out of data/lexicons/ so that the bundled analyses'
-- default lexicon set (all of data/lexicons/) stays about the Soviet corpora.
local function person(id, name, aliases, memberships, gender)
  local ms = {}
  for i, m in ipairs(memberships) do ms[i] = { m[1], from = m[2], to = m[3], source = "britannica" } end
  return { id = id, name = name, kind = "person", gender = gender or "m", aliases = aliases, memberships = ms }
end

return {
  name = "US parties (State of the Union demo)",
  sources = { britannica = "Encyclopaedia Britannica, 'Presidents of the United States' and the party articles" },
  factions = {
    { id = "federalist", label = "Federalist Party", colour = "#8c510a", from = "1789", to = "1824", source = "britannica" },
    { id = "democratic-republican", label = "Democratic-Republican Party", colour = "#d8b365", from = "1792", to = "1825", source = "britannica" },
    { id = "democratic", label = "Democratic Party", colour = "#2166ac", from = "1828", source = "britannica" },
    { id = "whig", label = "Whig Party", colour = "#5ab4ac", from = "1833", to = "1856", source = "britannica" },
    { id = "republican", label = "Republican Party", colour = "#b2182b", from = "1854", source = "britannica" },
  },
  entities = {
    { id = "federalists", name = "Federalists", kind = "organization",
      aliases = { "Federalist Party", "Federalists", "the Federalists" },
      memberships = { { "federalist", from = "1789", to = "1824" } } },
    { id = "democratic-republicans", name = "Democratic-Republicans", kind = "organization",
      aliases = { "Democratic-Republican Party", "Democratic-Republicans", "Jeffersonian Republicans" },
      memberships = { { "democratic-republican", from = "1792", to = "1825" } } },
    { id = "democrats", name = "Democratic Party", kind = "organization",
      aliases = { "Democratic Party", "Democrats", "the Democrats", "Democratic Congress" },
      memberships = { { "democratic", from = "1828" } } },
    { id = "whigs", name = "Whig Party", kind = "organization", aliases = { "Whig Party", "Whigs" },
      memberships = { { "whig", from = "1833", to = "1856" } } },
    { id = "republicans", name = "Republican Party", kind = "organization",
      aliases = { "Republican Party", "Republicans", "the Republicans", "GOP" },
      memberships = { { "republican", from = "1854" } } },
    person("washington", "George Washington", { "George Washington", "President Washington", "General Washington" }, {}),
    person("j-adams", "John Adams", { "John Adams", "President Adams" }, { { "federalist", "1789", "1801" } }),
    person("jefferson", "Thomas Jefferson", { "Thomas Jefferson", "Jefferson", "President Jefferson" },
      { { "democratic-republican", "1792", "1826" } }),
    person("madison", "James Madison", { "James Madison", "President Madison" }, { { "democratic-republican", "1792", "1836" } }),
    person("monroe", "James Monroe", { "James Monroe", "President Monroe" }, { { "democratic-republican", "1792", "1831" } }),
    person("jackson", "Andrew Jackson", { "Andrew Jackson", "General Jackson", "President Jackson" }, { { "democratic", "1828", "1845" } }),
    person("clay", "Henry Clay", { "Henry Clay" }, { { "democratic-republican", "1797", "1825" }, { "whig", "1833", "1852" } }),
    person("lincoln", "Abraham Lincoln", { "Abraham Lincoln", "Lincoln", "President Lincoln" },
      { { "whig", "1834", "1854" }, { "republican", "1856", "1865-04" } }),
    person("grant", "Ulysses S. Grant", { "Ulysses S. Grant", "General Grant", "President Grant" }, { { "republican", "1868", "1885" } }),
    person("cleveland", "Grover Cleveland", { "Grover Cleveland", "President Cleveland" }, { { "democratic", "1870", "1908" } }),
    person("t-roosevelt", "Theodore Roosevelt", { "Theodore Roosevelt", "President Roosevelt" }, { { "republican", "1880", "1912" } }),
    person("wilson", "Woodrow Wilson", { "Woodrow Wilson", "President Wilson" }, { { "democratic", "1910", "1924" } }),
    person("fdr", "Franklin D. Roosevelt", { "Franklin D. Roosevelt", "Franklin Roosevelt", "Franklin Delano Roosevelt" },
      { { "democratic", "1910", "1945-04" } }),
    person("truman", "Harry S. Truman", { "Harry S. Truman", "Harry Truman", "President Truman" }, { { "democratic", "1922", "1972" } }),
    person("eisenhower", "Dwight D. Eisenhower", { "Dwight D. Eisenhower", "Eisenhower", "President Eisenhower" },
      { { "republican", "1952", "1969" } }),
    person("jfk", "John F. Kennedy", { "John F. Kennedy", "President Kennedy" }, { { "democratic", "1946", "1963-11" } }),
    person("lbj", "Lyndon B. Johnson", { "Lyndon B. Johnson", "Lyndon Johnson", "President Johnson" }, { { "democratic", "1937", "1973" } }),
    person("nixon", "Richard Nixon", { "Richard Nixon", "Richard M. Nixon", "President Nixon" }, { { "republican", "1946", "1994" } }),
    person("reagan", "Ronald Reagan", { "Ronald Reagan", "President Reagan" }, { { "republican", "1962", "2004" } }),
    person("clinton", "Bill Clinton", { "Bill Clinton", "President Clinton" }, { { "democratic", "1974" } }),
    person("obama", "Barack Obama", { "Barack Obama", "President Obama" }, { { "democratic", "1996" } }),
  },
}

-- A benchmark lexicon: US presidents and the major parties, for timing `clio factions`
-- on the State of the Union addresses in bench/cache/bench-100mb.txt. Party spans are
-- those of the presidents' terms (Britannica, "Presidents of the United States").
return {
  name = "US presidents and parties (benchmark)",
  sources = { britannica = "Encyclopaedia Britannica, 'Presidents of the United States'" },
  factions = {
    { id = "federalist", label = "Federalist Party", colour = "#8c510a" },
    { id = "democratic-republican", label = "Democratic-Republican Party", colour = "#bf812d" },
    { id = "democratic", label = "Democratic Party", colour = "#2166ac" },
    { id = "whig", label = "Whig Party", colour = "#dfc27d" },
    { id = "republican", label = "Republican Party", colour = "#b2182b" },
  },
  entities = (function()
    local list = {
      { "washington", "George Washington", "Washington", nil, "1789", "1797" },
      { "j-adams", "John Adams", "Adams", "federalist", "1797", "1801" },
      { "jefferson", "Thomas Jefferson", "Jefferson", "democratic-republican", "1801", "1809" },
      { "madison", "James Madison", "Madison", "democratic-republican", "1809", "1817" },
      { "monroe", "James Monroe", "Monroe", "democratic-republican", "1817", "1825" },
      { "jq-adams", "John Quincy Adams", "Quincy Adams", "democratic-republican", "1825", "1829" },
      { "jackson", "Andrew Jackson", "Jackson", "democratic", "1829", "1837" },
      { "van-buren", "Martin Van Buren", "Van Buren", "democratic", "1837", "1841" },
      { "harrison-wh", "William Henry Harrison", "Harrison", "whig", "1841", "1841" },
      { "tyler", "John Tyler", "Tyler", "whig", "1841", "1845" },
      { "polk", "James K. Polk", "Polk", "democratic", "1845", "1849" },
      { "taylor", "Zachary Taylor", "Taylor", "whig", "1849", "1850" },
      { "fillmore", "Millard Fillmore", "Fillmore", "whig", "1850", "1853" },
      { "pierce", "Franklin Pierce", "Pierce", "democratic", "1853", "1857" },
      { "buchanan", "James Buchanan", "Buchanan", "democratic", "1857", "1861" },
      { "lincoln", "Abraham Lincoln", "Lincoln", "republican", "1861", "1865" },
      { "johnson-a", "Andrew Johnson", "Johnson", "democratic", "1865", "1869" },
      { "grant", "Ulysses S. Grant", "Grant", "republican", "1869", "1877" },
      { "hayes", "Rutherford B. Hayes", "Hayes", "republican", "1877", "1881" },
      { "garfield", "James A. Garfield", "Garfield", "republican", "1881", "1881" },
      { "arthur", "Chester A. Arthur", "Arthur", "republican", "1881", "1885" },
      { "cleveland", "Grover Cleveland", "Cleveland", "democratic", "1885", "1897" },
      { "mckinley", "William McKinley", "McKinley", "republican", "1897", "1901" },
      { "t-roosevelt", "Theodore Roosevelt", "Theodore Roosevelt", "republican", "1901", "1909" },
      { "taft", "William Howard Taft", "Taft", "republican", "1909", "1913" },
      { "wilson", "Woodrow Wilson", "Wilson", "democratic", "1913", "1921" },
      { "harding", "Warren G. Harding", "Harding", "republican", "1921", "1923" },
      { "coolidge", "Calvin Coolidge", "Coolidge", "republican", "1923", "1929" },
      { "hoover", "Herbert Hoover", "Hoover", "republican", "1929", "1933" },
      { "fd-roosevelt", "Franklin D. Roosevelt", "Roosevelt", "democratic", "1933", "1945" },
      { "truman", "Harry S. Truman", "Truman", "democratic", "1945", "1953" },
      { "eisenhower", "Dwight D. Eisenhower", "Eisenhower", "republican", "1953", "1961" },
      { "kennedy", "John F. Kennedy", "Kennedy", "democratic", "1961", "1963" },
      { "lb-johnson", "Lyndon B. Johnson", "Lyndon Johnson", "democratic", "1963", "1969" },
      { "nixon", "Richard Nixon", "Nixon", "republican", "1969", "1974" },
      { "ford", "Gerald Ford", "Ford", "republican", "1974", "1977" },
      { "carter", "Jimmy Carter", "Carter", "democratic", "1977", "1981" },
      { "reagan", "Ronald Reagan", "Reagan", "republican", "1981", "1989" },
      { "gh-bush", "George H. W. Bush", "George Bush", "republican", "1989", "1993" },
      { "clinton", "Bill Clinton", "Clinton", "democratic", "1993", "2001" },
      { "gw-bush", "George W. Bush", "Bush", "republican", "2001", "2009" },
      { "obama", "Barack Obama", "Obama", "democratic", "2009", "2017" },
      { "trump", "Donald Trump", "Trump", "republican", "2017", "2021" },
    }
    local out = {}
    for _, p in ipairs(list) do
      local e = { id = p[1], name = p[2], kind = "person", gender = "m",
        aliases = { p[2], p[3], "President " .. p[3] }, memberships = {} }
      if p[4] then e.memberships[1] = { p[4], from = p[5], to = p[6], source = "britannica" } end
      out[#out + 1] = e
    end
    return out
  end)(),
  groups = {
    { id = "democrats", words = { "Democrats", "Democratic Party", "the Democracy" }, faction = "democratic", source = "britannica" },
    { id = "republicans", words = { "Republicans", "Republican Party", "GOP" }, faction = "republican", source = "britannica" },
    { id = "whigs", words = { "Whigs", "Whig Party" }, faction = "whig", source = "britannica" },
    { id = "federalists", words = { "Federalists", "Federalist Party" }, faction = "federalist", source = "britannica" },
  },
}

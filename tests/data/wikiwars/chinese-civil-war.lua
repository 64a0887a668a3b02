-- The Chinese Civil War, 1927–1950, as a user would write a lexicon for a history of it
-- (written for WikiWars 11_ChineseCivWar.txt): the Nationalists (KMT) and the Communists
-- (CPC), their leaders, the truce of the Second United Front against Japan. Format:
-- docs/lexicons.md.
return {
  name = "Chinese Civil War, 1927–1950",

  sources = {
    westad2003 = "Odd Arne Westad, Decisive Encounters: The Chinese Civil War, 1946–1950 (Stanford University Press, 2003)",
    fenby2003 = "Jonathan Fenby, Generalissimo: Chiang Kai-shek and the China He Lost (London: Free Press, 2003)",
  },

  factions = {
    { id = "nationalists", label = "Nationalists (KMT)", colour = "#2166ac", from = "1927-04", to = "1950-05", source = "fenby2003" },
    { id = "communists", label = "Communists (CPC)", colour = "#b2182b", from = "1927-04", to = "1950-05", source = "westad2003" },
    { id = "united-front", label = "Second United Front against Japan", colour = "#762a83", from = "1937-09", to = "1945-08",
      source = "fenby2003", note = "agreed after the Xi'an Incident (December 1936); fighting between the two resumed from 1941" },
  },

  entities = {
    { id = "kmt", name = "Kuomintang", kind = "organization",
      aliases = { "Kuomintang", "KMT", "Nationalists", "the Nationalists", "Nationalist government", "ROC",
                  "Republic of China", "Nationalist Chinese" },
      memberships = { { "nationalists", from = "1927-04", to = "1950-05", source = "fenby2003" },
        { "united-front", from = "1937-09", to = "1945-08", source = "fenby2003" } } },
    { id = "cpc", name = "Communist Party of China", kind = "organization",
      aliases = { "Communist Party of China", "CPC", "Communists", "the Communists", "Chinese Communists",
                  "PLA", "People's Liberation Army", "Red Army" },
      memberships = { { "communists", from = "1927-04", to = "1950-05", source = "westad2003" },
        { "united-front", from = "1937-09", to = "1945-08", source = "fenby2003" } } },
    { id = "prc", name = "People's Republic of China", kind = "organization",
      aliases = { "People's Republic of China", "PRC" },
      memberships = { { "communists", from = "1949-10", to = "1950-05", source = "westad2003" } } },
    { id = "chiang", name = "Chiang Kai-shek", kind = "person", gender = "m",
      aliases = { "Chiang Kai-shek", "Chiang Kai-Shek", "Chiang", "Generalissimo Chiang" },
      memberships = { { "nationalists", from = "1927-04", to = "1950-05", source = "fenby2003" } } },
    { id = "mao", name = "Mao Zedong", kind = "person", gender = "m",
      aliases = { "Mao Zedong", "Mao Tse-tung", "Mao", "Chairman Mao" },
      memberships = { { "communists", from = "1927-04", to = "1950-05", source = "westad2003" } } },
    { id = "japan", name = "Japan", kind = "organization",
      aliases = { "Japan", "Japanese", "the Japanese", "Japanese troops", "Japanese forces", "Kwantung Army" } },
    { id = "soviet-union", name = "Soviet Union", kind = "organization",
      aliases = { "Soviet Union", "USSR", "Soviets", "the Soviets", "Soviet forces", "Soviet Red Army" } },
    { id = "united-states", name = "United States", kind = "organization",
      aliases = { "United States", "USA", "U.S.", "Americans" } },
    { id = "taiwan", name = "Taiwan", kind = "place", aliases = { "Taiwan", "Formosa" } },
    { id = "manchuria", name = "Manchuria", kind = "place", aliases = { "Manchuria", "Northeast" } },
    { id = "hiroshima", name = "Hiroshima", kind = "place", aliases = { "Hiroshima" } },
  },
}

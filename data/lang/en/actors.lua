-- English words that tell actors apart when no lexicon names them (clio.actors,
-- docs/lexicons.md "Discovered actors"). Data only: a profile for another language is a
-- file like this one in data/lang/<code>/actors.lua (or the user's clio folder / $CLIO_PATH).
-- Words are matched after folding case and diacritics; multi-word entries match whole.
return {
  -- Titles before a person's name ("General Vo Nguyen Giap", "King George III"): not part
  -- of the name; the name after them is a person. Longest first is not needed.
  person_titles = {
    "General", "Lieutenant General", "Major General", "Brigadier General", "Brigadier",
    "Admiral", "Vice Admiral", "Rear Admiral", "Field Marshal", "Marshal", "Generalissimo",
    "Colonel", "Lieutenant Colonel", "Major", "Captain", "Lieutenant", "Commander", "Commodore",
    "Sergeant", "Corporal", "Commandant",
    "President", "Vice President", "Prime Minister", "Premier", "Chancellor", "Chairman",
    "Secretary", "Secretary of State", "Minister", "Foreign Minister", "Senator", "Governor",
    "Ambassador", "Consul", "Proconsul", "Dictator", "Tribune", "Praetor", "Senator",
    "King", "Queen", "Emperor", "Empress", "Tsar", "Czar", "Tsarina", "Kaiser", "Prince",
    "Princess", "Duke", "Duchess", "Archduke", "Count", "Countess", "Baron", "Lord", "Lady",
    "Sir", "Shah", "Sultan", "Caliph", "Emir", "Khan", "Pharaoh", "Pope", "Cardinal",
    "Bishop", "Archbishop", "Ayatollah", "Imam", "Sheikh", "Mullah",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Messrs", "Messrs.", "Mme", "Mme.", "Dr", "Dr.", "Gen.", "Adm.", "Col.", "Capt.",
    "Lt.", "Maj.", "Sgt.", "Pres.", "Sen.", "Gov.", "Comrade", "Madame", "Monsieur",
    -- titles English histories keep in the language of their country and time
    "Caudillo", "Generalísimo", "Duce", "Führer", "Fuehrer", "Viceroy", "Shogun", "Hetman",
    "Ataman", "Vizier", "Grand Vizier", "Satrap", "Doge", "Negus", "Tsarevich",
    "Marquis", "Marquess", "Viscount", "Maharaja", "Archduchess", "Grand Duke",
  },
  -- Lower-case words that belong inside a name ("Charles de Gaulle", "Ludwig van
  -- Beethoven", "Osama bin Laden"): kept when a capitalized word follows.
  name_particles = { "de", "du", "des", "da", "di", "do", "dos", "das", "del", "della", "la", "le",
                     "van", "von", "der", "den", "ter", "zu", "bin", "ibn", "al", "el", "y", "e" },
  -- Words that join the parts of an organization's or place's name ("Army of the Potomac",
  -- "Communist Party of the Soviet Union"): kept when a capitalized word follows.
  joiners = { "of", "the", "for" },
  -- A last word that makes a name an organization ("Viet Minh" is not told; "Red Army" is).
  organization_words = {
    "Party", "Army", "Armies", "Navy", "Air Force", "Corps", "Division", "Brigade", "Regiment",
    "Battalion", "Fleet", "Guard", "Guards", "Legion", "Forces", "Committee", "Council",
    "Congress", "Parliament", "Assembly", "Senate", "Government", "Cabinet", "Ministry",
    "Directory", "Convention", "Duma", "Soviet", "League", "Front", "Movement",
    "Organization", "Organisation", "Alliance", "Coalition", "Federation", "Company",
    "Bank", "Court", "Church", "Agency", "Office", "Department", "Command", "Staff",
    "Council", "Junta", "Falange", "Komintern", "Comintern", "Cheka", "Commission",
    "Administration", "Institute", "Society", "Club", "Brotherhood", "Academy", "Group",
    "Nations", "Kuomintang", "Wehrmacht", "Luftwaffe",
  },
  -- A first word that makes a name an organization ("Army of the Potomac", "House of Commons").
  organization_heads = { "Army", "House", "Ministry", "Council", "Committee", "Department", "Bank",
                         "Government", "Party", "League", "Union", "Office", "Court" },
  -- A last word that makes a name a place ("Mekong River", "Pearl Harbor").
  place_words = {
    "River", "Sea", "Ocean", "Gulf", "Bay", "Strait", "Straits", "Island", "Islands", "Isle",
    "Peninsula", "Mountains", "Mountain", "Mount", "Hills", "Hill", "Ridge", "Valley", "Plain",
    "Plains", "Desert", "Forest", "Lake", "Harbor", "Harbour", "Channel", "Coast", "Pass",
    "City", "Province", "Region", "Territory", "Territories", "State", "County", "District",
    "Delta", "Canal", "Line", "Heights", "Fort", "Square", "Street", "Palace",
    "Castle", "Bridge", "Republic", "Empire", "Kingdom", "Commonwealth", "Confederacy",
    "Trail", "Road", "Highway", "Route",
  },
  -- A first word that makes a name a place ("Republic of Korea", "Mount Vernon").
  place_heads = { "Mount", "Lake", "Fort", "Cape", "Port", "Puerto", "Porto", "San", "Santa", "Ciudad",
                  "Saint", "St.", "Ste.", "Mt.", "Ft.", "Pt.", "Kingdom", "Republic",
                  "Empire", "Province", "Gulf", "Bay", "Isle", "Strait", "Sea", "Straits", "City" },
  -- Words before a name that say it is a place ("in Haiphong", "near Verdun").
  place_prepositions = { "in", "at", "near", "into", "across", "toward", "towards", "outside",
                         "inside", "through", "throughout", "around", "via", "within", "entered",
                         "captured", "occupied", "invaded", "besieged", "liberated", "annexed" },
  -- Words before "of" that say the name after it is a place ("the city of Basra",
  -- "the siege of Leningrad"), as the compass words do ("north of Hanoi").
  place_of = { "city", "town", "village", "port", "province", "region", "capital", "island",
               "fortress", "siege", "outskirts", "suburbs", "environs", "district" },
  -- Compass words: "north of Hanoi" says Hanoi is a place.
  compass = { "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
              "north-west", "north-east", "south-west", "south-east" },
  -- First words that qualify a place rather than name a person ("Eastern Poland",
  -- "Northern Burma", "Imperial Germany"): "Poland" alone is not a surname of them.
  place_modifiers = { "eastern", "western", "northern", "southern", "central", "upper", "lower",
                      "greater", "imperial", "occupied", "free", "new", "old", "north", "south",
                      "east", "west", "northeast", "northwest", "southeast", "southwest" },
  -- Pronouns that, a few words after a name with no other name between, say it is a
  -- person ("Franco named his successor", "Hitler said he would"). Not "her": older
  -- prose writes "England and her colonies".
  person_pronouns = { "he", "his", "him", "himself", "she", "herself" },
  -- Words after a name that say it is a person ("Giap said", "Lincoln, who").
  person_after = { "said", "wrote", "declared", "announced", "ordered", "resigned", "died",
                   "who", "himself", "herself" },
  -- Endings of a one-word name that make it a group of people ("Bolsheviks", "Vietnamese",
  -- "Communists", "Nationalists", "Confederates").
  -- ("Orozquistas", "Sandinistas", "Montagnards": the Spanish and French plurals too)
  group_endings = { "ists", "istas", "istes", "ites", "ans", "ese", "iks", "ards" },
  -- One-word names that are a group whatever their ending.
  group_words = { "Allies", "Axis", "French", "British", "English", "Dutch", "Irish", "Scots",
                  "Welsh", "Greeks", "Turks", "Arabs", "Kurds", "Jews", "Serbs", "Croats",
                  "Poles", "Czechs", "Slovaks", "Franks", "Goths", "Huns", "Moors", "Persians",
                  "Romans", "Spartans", "Athenians", "Reds", "Whites", "Greens", "Blacks",
                  "Nazis", "Viet Cong", "Viet Minh", "Taliban", "Mujahideen", "Patriots",
                  "Loyalists", "Rebels", "Federals", "Yankees", "Redcoats", "Hessians", "Swiss",
                  "Chinese", "Japanese", "Vietnamese", "Portuguese", "Union", "Confederacy" },
  -- Words that make a name an event, not an actor ("World War II", "Battle of the Bulge",
  -- "Operation Barbarossa", "Treaty of Versailles"): such names are left out.
  event_words = {
    "War", "Wars", "Battle", "Battles", "Siege", "Treaty", "Operation", "Offensive", "Campaign",
    "Revolution", "Revolt", "Rebellion", "Uprising", "Insurrection", "Mutiny", "Coup",
    "Conference", "Accords", "Accord", "Agreement", "Armistice", "Pact", "Act",
    "Declaration", "Proclamation", "Doctrine", "Plan", "Day", "Crisis", "Massacre", "Raid",
    "Incident", "Affair", "Crusade", "Expedition", "Invasion", "Landing", "Landings", "Purge",
    "Terror", "Truce", "Ceasefire", "Cease-fire", "Peace", "Resolution", "Constitution",
    "Charter", "Protocol", "Tet", "Blitz", "Blitzkrieg", "Holocaust", "Olympics",
  },
  -- Capitalized words that are never a name or part of one at the edge of a run.
  not_names = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "autumn", "winter", "however", "although",
    "meanwhile", "despite", "during", "after", "before", "following", "when", "while", "with",
    "without", "although", "thus", "therefore", "instead", "eventually", "later", "finally",
    "initially", "afterwards", "nevertheless", "moreover", "furthermore", "also", "many",
    "most", "some", "several", "both", "each", "other", "another", "such", "this", "these",
    "those", "that", "there", "here", "one", "two", "three", "four", "five", "early", "late", "mid", "ad", "bc", "bce", "ce", "i",
    "see", "according", "because", "since", "until", "upon", "under", "over", "between",
    "among", "against", "within", "throughout", "unlike", "like", "as", "on", "in", "at",
    "by", "for", "from", "of", "to", "the", "a", "an", "and", "or", "but", "if", "then",
    -- interjections, capitalized at the head of a line of dialogue ("Oh!", "Yes, sir")
    "oh", "ah", "aha", "alas", "ay", "aye", "yes", "no", "nay", "hush", "pooh", "phoo",
    "pshaw", "hey", "hark", "bless", "well",
  },
  -- Endings of a sentence's first word that say it is not part of the name after it
  -- ("Simultaneously Nixon", "Abandoning Hispania"); only words of 5 letters more than the ending.
  opener_endings = { "ly", "ing" },
  -- Words that start a sentence and so are capitalized whatever they are: a one-word name
  -- there counts only if the same word is capitalized elsewhere mid-sentence.
  -- (Handled by the rule; no list needed.)
}

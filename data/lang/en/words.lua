-- The English language profile: the word lists clio's tokenizer, sentence splitter,
-- queries and analyses use for English (docs/tokens.md describes each field).
--
-- Plain data: lists of strings, matched without regard to case. A user's own profile
-- (their clio folder or a $CLIO_PATH folder, under lang/<code>/words.lua) is used the
-- same way as this one; `base = "en"` there starts from this file and replaces only the
-- lists it names.
return {
  -- Closed-class words that end a two-part "word-X" only when the hyphen stands for a
  -- dash ("the United States-that is", "peace-not war"): compounds ending in one of
  -- these have more parts ("bread-and-butter") or none. Particles (in, on, to, by) and
  -- forms of "be" stay out: "check-in", "would-be".
  function_words = {
    "a", "although", "an", "and", "are", "as", "because", "but", "he", "his", "if", "is",
    "it", "its", "not", "or", "our", "she", "that", "the", "their", "these", "they",
    "this", "those", "though", "was", "we", "were", "when", "where", "which", "while",
    "who", "whom", "whose", "yet", "you",
  },

  -- Claims: words that are never a participant of a claim (a capitalized one opens a
  -- sentence: "However", "The"), nor a content word its similarity counts.
  claim_function_words = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "to", "of", "after", "before",
    "during", "since", "until", "when", "while", "although", "though", "but", "and", "or",
    "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "his", "her",
    "their", "its", "as", "with", "without", "shortly", "finally", "however", "later", "early",
    "late", "around", "about", "some", "many", "most", "all", "there", "then", "also",
    "meanwhile", "soon", "between", "within", "under", "over", "through", "following",
    "despite", "once", "if", "because", "so", "yet", "thus", "one", "two", "three", "four",
    "five", "both", "much", "each", "every", "another", "no", "not", "evidence", "son", "even",
    "first", "next", "here", "what", "who", "which", "such", "more", "less", "our", "my",
    "your", "us", "them", "him", "you", "let",
  },
  -- Claims: words too common to pick a predicate's sentences by, besides the ones above
  -- (another required word of the pattern does it: "was|were born" by "born").
  claim_common_words = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "up", "down", "out", "off", "over", "into", "upon",
  },

  -- Clitics split from the word they are written onto. trailing: after a word, from the
  -- apostrophe on (Lenin + 's; with 's also the plural possessive Soviets + ' and the
  -- lost apostrophe of Stalin?s). leading: before a word, up to the apostrophe
  -- (French l'année -> l' + année). Other contractions (don't) stay whole.
  clitics = {
    leading = {},
    trailing = { "'s" },
  },

  -- Letters after the digits of an ordinal number: 5th, 21st, 2nd, 3rd.
  ordinal_suffixes = { "st", "nd", "rd", "th" },

  -- Capitalized words that open sentences far more often than they follow an
  -- abbreviation or an initial inside one: after "etc." or "J." a sentence ends only
  -- before one of these (or at a paragraph break).
  sentence_openers = {
    "after", "although", "and", "as", "at", "because", "before", "both", "but", "by",
    "despite", "during", "each", "every", "following", "for", "from", "he", "her", "his",
    "how", "however", "if", "in", "it", "its", "later", "many", "meanwhile", "most", "on",
    "once", "our", "she", "since", "so", "some", "soon", "such", "that", "the", "their",
    "then", "there", "these", "they", "this", "those", "though", "thus", "to", "under",
    "we", "what", "when", "where", "while", "who", "why", "with", "within", "without",
    "yet",
  },

  -- Abbreviations after which a period does not end a sentence, with or without the
  -- final dot. A sentence still ends after one at a paragraph break or before a
  -- sentence opener, so "etc. The" splits. Dotted forms (U.S., e.g., a.m.) are single
  -- tokens anyway; they are listed for readers and for other tokenizers.
  abbreviations = {
    -- titles and ranks
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Col", "Lt", "Capt", "Cpt", "Sgt",
    "Cpl", "Pvt", "Adm", "Cmdr", "Maj", "Brig", "Rev", "Fr", "Hon", "St", "Ste", "Sr",
    "Jr", "Gov", "Sen", "Rep", "Pres", "Amb", "Supt", "Insp", "Mme", "Mlle", "Mgr",
    -- months and days
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
    -- references and Latin
    "etc", "e.g.", "i.e.", "vs", "viz", "cf", "al", "approx", "ca", "c", "fl", "ibid",
    "id", "op", "cit", "loc", "et", "no", "nos", "vol", "vols", "p", "pp", "ch", "chap",
    "sec", "fig", "figs", "ed", "eds", "trans", "repr", "rev", "n", "nn", "esp", "incl",
    -- organisations and places
    "Co", "Corp", "Inc", "Ltd", "Bros", "Assn", "Dept", "Univ", "Inst", "Mt", "Ft", "Ave",
    "Blvd", "Rd", "Sq", "U.S.", "U.K.", "U.S.S.R.",
    -- measures
    "ft", "lb", "lbs", "oz", "sq", "hr", "hrs", "min", "sec",
    -- military and political (history texts)
    "Div", "Bn", "Regt", "Bde", "Gov't",
  },

  -- Possessives. suffix: queries find a capitalized name also written with this
  -- suffix and no apostrophe ("Lenins" for Lenin, when both are capitalized).
  -- pronouns: possessive determiners ("his speech": the speaker is the subject before).
  possessive = {
    suffix = "s",
    pronouns = { "his", "her", "their", "its" },
  },

  -- Function words left out of "top terms" lists (freq, summary, keyness, collocates)
  -- unless asked for, and never matched fuzzily against a lexicon.
  stopwords = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
    "during", "each", "even", "every", "few", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me",
    "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now",
    "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out",
    "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "yet", "you", "your", "yours", "yourself", "yourselves", "'s",
  },

  -- Endings of contracted words ("I'm", "We've", "It'll", "Don't"): a capitalized word
  -- ending in one is a pronoun or verb at a sentence start, never a name.
  contractions = { "'m", "'re", "'ve", "'ll", "'d", "n't" },

  -- Endings of common nouns, adjectives and adverbs ("Legislation", "Improvements",
  -- "Subsequently"), never of names: a sentence's first word, alone and ending in one
  -- (four letters or more before it), is no participant of the timeline's events.
  common_endings = { "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity",
                     "ities", "ure", "ures", "ally", "ably", "ibly", "ently", "ingly" },

  -- Conjunctions and subordinators at which a sentence splits into clauses.
  conjunctions = {
    "and", "but", "while", "whereas", "although", "though", "because", "when", "after",
    "before", "until", "since", "which", "who", "where", "so", "yet", "however",
  },

  -- Small words inside names ("Council of People's Commissars", "Ludwig von Mises").
  name_particles = { "of", "the", "de", "von", "van" },
}

-- The French language profile (fields as in data/lang/en/words.lua; docs/tokens.md).
-- Plain data: lists of strings, matched without regard to case.
return {
  -- Words that end a two-part "mot-X" only when the hyphen stands for a dash ("la
  -- France-et la guerre"). Pronouns after a verb stay joined ("dit-il", "donne-le").
  function_words = {
    "car", "donc", "dont", "et", "lorsque", "mais", "ni", "ou", "puisque", "quand", "que",
    "qui", "si",
  },

  -- Elided words written onto the next one: l'année -> l' + année, qu'il -> qu' + il.
  clitics = {
    leading = {
      "l'", "d'", "qu'", "j'", "n'", "s'", "c'", "m'", "t'", "jusqu'", "lorsqu'",
      "puisqu'", "quoiqu'", "presqu'",
    },
    trailing = {},
  },

  -- 1er, 1re, 2e, 2nd, 3ème, 4es, XIXe
  ordinal_suffixes = { "er", "re", "ère", "e", "es", "ème", "èmes", "eme", "nd", "nde" },

  -- Capitalized words that open sentences: after "etc." or "J." a sentence ends only
  -- before one of these (or at a paragraph break).
  sentence_openers = {
    "ainsi", "alors", "après", "au", "aussi", "aux", "avant", "ce", "cela", "cependant",
    "ces", "cette", "comme", "dans", "de", "depuis", "des", "donc", "du", "elle", "elles",
    "en", "enfin", "ensuite", "et", "il", "ils", "la", "le", "les", "leur", "leurs",
    "lorsque", "mais", "malgré", "nous", "on", "or", "par", "pendant", "pour", "pourtant",
    "puis", "quand", "sa", "ses", "si", "son", "sous", "sur", "toutefois", "un", "une",
    "vers", "vous",
  },

  -- Abbreviations after which a period does not end a sentence.
  abbreviations = {
    -- titres
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Pr", "St", "Ste",
    "Gal", "Gén", "Col", "Cdt", "Cne", "Lt", "Sgt", "Adj",
    -- mois et jours
    "janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc", "lun", "mar",
    "mer", "jeu", "ven", "sam", "dim",
    -- renvois
    "etc", "cf", "p", "pp", "vol", "t", "chap", "éd", "éds", "trad", "ibid", "id", "op",
    "cit", "loc", "n", "no", "nos", "art", "fig", "env", "av", "apr", "J.-C", "coll",
    -- organisations et lieux
    "Cie", "Sté", "bd", "av", "fg", "r",
  },

  -- French marks possession with words, not suffixes: no query suffix rule.
  possessive = {
    pronouns = { "son", "sa", "ses", "leur", "leurs" },
  },

  stopwords = {
    "a", "à", "afin", "ai", "aie", "ainsi", "alors", "au", "aucun", "aucune", "aussi",
    "autre", "autres", "aux", "avait", "avant", "avec", "avoir", "c'", "ça", "car", "ce",
    "ceci", "cela", "celle", "celles", "celui", "cependant", "ces", "cet", "cette", "ceux",
    "chaque", "chez", "comme", "comment", "d'", "dans", "de", "depuis", "des", "dès",
    "donc", "dont", "du", "elle", "elles", "en", "encore", "entre", "est", "et", "étaient",
    "était", "été", "être", "eu", "eux", "fait", "fut", "il", "ils", "j'", "je", "jusqu'",
    "l'", "la", "là", "le", "les", "leur", "leurs", "lors", "lorsque", "lui", "m'", "ma",
    "mais", "me", "même", "mes", "moi", "mon", "n'", "ne", "ni", "non", "nos", "notre",
    "nous", "on", "ont", "or", "ou", "où", "par", "parce", "pas", "pendant", "peu", "plus",
    "pour", "pourquoi", "puis", "qu'", "quand", "que", "quel", "quelle", "quelles",
    "quels", "qui", "s'", "sa", "sans", "se", "selon", "ses", "si", "son", "sont", "sous",
    "sur", "t'", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes",
    "très", "tu", "un", "une", "vers", "vos", "votre", "vous", "y",
  },

  conjunctions = {
    "et", "mais", "ou", "donc", "car", "ni", "or", "quand", "lorsque", "puisque",
    "tandis", "qui", "que", "dont", "où", "alors", "si", "cependant",
  },

  name_particles = { "de", "du", "des", "la", "le", "d'", "von", "van" },
}

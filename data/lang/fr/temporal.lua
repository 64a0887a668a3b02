-- French temporal profile: the words of the temporal grammar (lua/clio/timex/), as
-- data only (fields as in data/lang/en/temporal.lua; docs/timeline.md, "Adding a
-- language"). Keys are matched without regard to case for ASCII letters; accented
-- letters are written as the text writes them.
return {
  months = {
    janvier = 1, ["février"] = 2, fevrier = 2, mars = 3, avril = 4, mai = 5, juin = 6,
    juillet = 7, ["août"] = 8, aout = 8, septembre = 9, octobre = 10, novembre = 11,
    ["décembre"] = 12, decembre = 12,
    ["janv."] = 1, ["févr."] = 2, ["avr."] = 4, ["juil."] = 7, ["sept."] = 9, ["oct."] = 10,
    ["nov."] = 11, ["déc."] = 12,
  },
  -- "mars" is also the planet, "mai" a tree: only capitalized when alone is not needed
  -- in French (months are written in lower case); none here
  ambiguous_months = {},

  seasons = { printemps = "SP", ["été"] = "SU", automne = "FA", hiver = "WI",
              ["saison sèche"] = "DRY", ["saison des pluies"] = "WET", mousson = "WET" },
  ambiguous_seasons = {},

  weekdays = { lundi = 1, mardi = 2, mercredi = 3, jeudi = 4, vendredi = 5, samedi = 6,
               dimanche = 7 },

  dayparts = { matin = "MO", ["matinée"] = "MO", ["après-midi"] = "AF", soir = "EV", ["soirée"] = "EV",
               nuit = "NI", aube = "MO", ["crépuscule"] = "EV", minuit = "NI", midi = "MI" },

  ordinals = {
    premier = 1, ["première"] = 1, ["deuxième"] = 2, second = 2, seconde = 2,
    ["troisième"] = 3, ["quatrième"] = 4, ["cinquième"] = 5, ["sixième"] = 6,
    ["septième"] = 7, ["huitième"] = 8, ["neuvième"] = 9, ["dixième"] = 10,
    ["onzième"] = 11, ["douzième"] = 12, ["treizième"] = 13, ["quatorzième"] = 14,
    ["quinzième"] = 15, ["seizième"] = 16, ["dix-septième"] = 17, ["dix-huitième"] = 18,
    ["dix-neuvième"] = 19, ["vingtième"] = 20, ["vingt et unième"] = 21,
  },

  units_words = { un = 1, une = 1, deux = 2, trois = 3, quatre = 4, cinq = 5, six = 6,
                  sept = 7, huit = 8, neuf = 9, dix = 10, onze = 11, douze = 12, treize = 13,
                  quatorze = 14, quinze = 15, seize = 16, ["dix-sept"] = 17, ["dix-huit"] = 18,
                  ["dix-neuf"] = 19 },
  tens_words = { vingt = 20, trente = 30, quarante = 40, cinquante = 50, soixante = 60 },
  big_words = { cent = 100, mille = 1000 },
  vague_quantities = { ["quelques"] = "X", ["plusieurs"] = "X", ["de nombreux"] = "X",
                       ["de nombreuses"] = "X", ["une douzaine de"] = 12 },

  decade_words = {},

  eras = { ["av. J.-C."] = true, ["av. J-C"] = true, ["avant J.-C."] = true,
           ["avant Jésus-Christ"] = true, ["apr. J.-C."] = false, ["après J.-C."] = false },

  part_words = { ["début"] = "START", fin = "END", milieu = "MID" },
  halves = { ["première moitié"] = "H1", ["seconde moitié"] = "H2", ["deuxième moitié"] = "H2" },

  approx_words = { vers = "APPROX", environ = "APPROX", ["près de"] = "APPROX",
                   ["plus de"] = "MORE_THAN", ["moins de"] = "LESS_THAN",
                   ["au moins"] = "EQUAL_OR_MORE", ["presque"] = "LESS_THAN" },
  bound_words = { avant = "BEFORE", ["après"] = "AFTER", depuis = "ON_OR_AFTER", ["jusqu'en"] = "BEFORE" },

  rel_next = { prochain = 1, prochaine = 1 },
  rel_prev = { dernier = -1, ["dernière"] = -1 },
  rel_same = { ["même"] = 0 },
  -- French puts these after the noun: "l'année suivante", "le mois précédent"
  rel_next_after = { suivant = 1, suivante = 1, ["d'après"] = 1 },
  rel_prev_after = { ["précédent"] = -1, ["précédente"] = -1, ["d'avant"] = -1 },
  later_words = { ["plus tard"] = 1, ["après"] = 1 },
  earlier_words = { ["plus tôt"] = -1, ["auparavant"] = -1, ["avant"] = -1 },

  units = { jour = "D", jours = "D", semaine = "W", semaines = "W", mois = "M",
            an = "Y", ans = "Y", ["année"] = "Y", ["années"] = "Y", ["décennie"] = "DE",
            ["décennies"] = "DE", ["siècle"] = "CE", ["siècles"] = "CE", heure = "H",
            heures = "H", minute = "MIN", minutes = "MIN" },
  units_singular = { jour = "D", semaine = "W", mois = "M", ["année"] = "Y", an = "Y",
                     ["décennie"] = "DE", ["siècle"] = "CE" },
  units_plural = { jours = "D", semaines = "W", ans = "Y", ["années"] = "Y",
                   ["décennies"] = "DE", ["siècles"] = "CE", heures = "H", minutes = "MIN" },

  refs = { maintenant = "PRESENT_REF", ["aujourd'hui"] = "PRESENT_REF",
           actuellement = "PRESENT_REF", ["de nos jours"] = "PRESENT_REF",
           ["récemment"] = "PAST_REF", autrefois = "PAST_REF", jadis = "PAST_REF",
           ["l'avenir"] = "FUTURE_REF" },

  sets = { quotidiennement = "P1D", ["chaque jour"] = "P1D", annuellement = "P1Y" },

  holidays = { ["noël"] = "12-25", ["jour de l'an"] = "01-01", ["14 juillet"] = false,
               ["pâques"] = false },

  year_min = 1000, year_max = 2099,

  range_words = { "au", "à", "jusqu'au", "et" },

  -- phrase roles (see data/lang/en/temporal.lua): how French writes each one; roles
  -- left out are off (their rules never match)
  phrases = {
    "mi", "ans", "an",
    the = { "le", "la", "les", "l'" },
    a = { "un", "une" },
    of = { "de", "du", "d'", "des" },
    ["in"] = { "en", "dans" },
    ["and"] = "et",
    ["or"] = "ou",
    to = { "à", "au" },
    this = { "ce", "cet", "cette" },
    that = { "ce", "cet", "cette" },
    year = { "année", "an" },
    years = { "années", "ans" },
    month = "mois",
    week = "semaine",
    day = "jour",
    decade = "décennie",
    century = "siècle",
    centuries = "siècles",
    same = "même",
    ["the same"] = { "le même", "la même" },
    later = "plus tard",
    earlier = "plus tôt",
    early = "début",
    late = "fin",
    night = "nuit",
    nights = "nuits",
    morning = "matin",
    evening = "soir",
    time = "époque",
    ["the time"] = "l'époque",
    period = "période",
    ["ordinal suffix"] = { "er", "re", "ère", "e", "ème" },
    h = "h",
    ["until"] = "jusqu'au",
  },

  context = {
    count_before = { "hommes", "soldats", "morts", "blessés", "prisonniers", "personnes",
      "habitants", "kilomètres", "km", "mètres", "tonnes", "francs", "euros", "voix",
      "navires", "chars", "avions", "canons", "victimes", "réfugiés", "ouvriers" },
    year_after = { "en", "de", "depuis", "dès", "vers", "avant", "après", "jusqu'en",
      "printemps", "été", "automne", "hiver", "et", "ou", "année", "années", "le", "l'an" },
    number_label = { "page", "p.", "n°", "no", "article", "art.", "chapitre", "section",
      "résolution", "volume", "vol.", "route" },
    day_after = { "le", "du", "au", "dès", "depuis", "jusqu'au" },
    -- une heure écrite sans « h » (« 10:57 ») n'en est une qu'après ces mots ou avant ceux-ci
    clock_after = { "à", "vers", "dès", "avant", "après", "depuis", "entre", "et", "jusqu'à" },
    clock_before = { "heures", "h", "gmt", "utc" },
    bc_year_after = { "en", "vers", "depuis", "avant", "après", "jusqu'en" },
    bc_year_before = { "av.", "avant" },
    month_as_word = {},
    month_after = {},
    word_after = {},
    word_before = {},
    to_date_after = {},
    -- comptés depuis le moment où l'on écrit : « l'an dernier », « le mois prochain »
    deictic_last = { "dernier", "dernière", "prochain", "prochaine" },
  },

  clause_words = {
    determiners = { "le", "la", "les", "l'", "un", "une", "des", "ce", "cet", "cette", "ces",
      "son", "sa", "ses", "leur", "leurs" },
    prepositions = { "de", "du", "d'", "en", "dans", "à", "au", "aux", "sur", "par", "pour",
      "avec", "contre", "vers", "sous", "entre", "depuis", "pendant" },
    stop = { "puis", "alors", "quand", "lorsque", "qui", "que", "où", "mais", "car", "donc",
      "ensuite", "enfin", "déjà", "encore", "toujours" },
    pronouns = { "il", "elle", "ils", "elles", "on", "nous", "vous", "je" },
    conjunctions = { "et", "ou" },
    verbs = { "est", "sont", "était", "étaient", "fut", "furent", "a", "ont", "avait",
      "avaient", "eut", "eurent", "sera", "seront" },
    past_suffixes = { "é", "ée", "és", "ées" },
    gerund_suffixes = { "ant" },
    adjective_suffixes = { "al", "ale", "aux", "ique", "eux", "euse", "if", "ive", "ien", "ienne" },
  },

  gate = {
    words = { "mi", "début", "fin", "plus", "chaque" },
    after_the = { "début", "fin", "milieu", "même", "printemps", "été", "automne", "hiver" },
    after_a = {},
    after_this = { "même", "époque", "période" },
    triggers = { "époque", "période", "plus", "tard", "tôt" },
  },
}

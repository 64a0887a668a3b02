-- Predicate lexicon for clio claims (English): which phrasings make which event type.
-- docs/claims.md describes the format; a researcher adds a type or a phrasing here (or in
-- a file given with --predicates) without touching C or the claims library.
--
-- Patterns are written over folded tokens (lower case, ’ as '), one item per space:
--   word        that word              a|b      either word
--   {verb}      any form of the verb (take → takes took taken taking), see `verbs`
--   word?       optional item          *N       up to N tokens of any kind
--   <class>     an object phrase of that class (see `objects`), e.g. <organ>
-- The first non-optional item is the trigger: negation, hedging and mood are looked up
-- in the words before it.
--
-- role says who the claim's subject is:
--   "agent"   the doer: "Stalin took power", "Stalin allied with Kamenev"
--   "patient" the one it happens to, in active and passive alike: "Trotsky was expelled
--             from the party" and "Stalin expelled Trotsky from the party" both have
--             subject Trotsky (the doer, when named, is the claim's `agent`)
-- object = "<class>" takes the object from the slot; object = "text" fixes it; with
-- object = "entity" the object is the nearest named entity after the trigger.
return {
  language = "en",

  -- irregular verbs: lemma -> forms (regular ones are inflected by rule)
  verbs = {
    take = { "take", "takes", "took", "taken", "taking" },
    become = { "become", "becomes", "became", "becoming" },
    rise = { "rise", "rises", "rose", "risen", "rising" },
    seize = { "seize", "seizes", "seized", "seizing" },
    win = { "win", "wins", "won", "winning" },
    die = { "die", "dies", "died", "dying" },
    shoot = { "shoot", "shoots", "shot", "shooting" },
    drive = { "drive", "drives", "drove", "driven", "driving" },
    put = { "put", "puts", "putting" },
    send = { "send", "sends", "sent", "sending" },
    fall = { "fall", "falls", "fell", "fallen", "falling" },
    make = { "make", "makes", "made", "making" },
    give = { "give", "gives", "gave", "given", "giving" },
    hold = { "hold", "holds", "held", "holding" },
    side = { "side", "sides", "sided", "siding" },
    slay = { "slay", "slays", "slew", "slain", "slaying" },
    overthrow = { "overthrow", "overthrows", "overthrew", "overthrown", "overthrowing" },
    begin = { "begin", "begins", "began", "begun", "beginning" },
  },

  -- object classes: canonical name -> phrases (folded; longest match wins)
  objects = {
    organ = {
      politburo = { "politburo", "political bureau" },
      ["central committee"] = { "central committee" },
      orgburo = { "orgburo" },
      party = { "party", "communist party", "bolshevik party", "the party" },
    },
    country = {
      USSR = { "soviet union", "ussr", "u.s.s.r.", "russia", "the country", "country" },
    },
    place = {
      ["Alma-Ata"] = { "alma-ata", "alma ata", "almaty", "kazakhstan", "central asia" },
      Turkey = { "turkey", "prinkipo", "constantinople", "istanbul" },
      Siberia = { "siberia" },
      Mexico = { "mexico", "coyoacan", "coyoacán" },
      Norway = { "norway" },
      France = { "france" },
    },
    post = {
      ["war commissar"] = { "commissar of war", "commissary of war", "war commissar",
        "commissar for war", "people's commissar of war", "people's commissary of war",
        "commissar for military and naval affairs", "war commissariat" },
      ["general secretary"] = { "general secretary", "secretary general", "gensec" },
      post = { "post", "posts", "position", "positions", "office", "offices" },
    },
  },

  events = {
    -- taking power -------------------------------------------------------------------
    { type = "take power", role = "agent", label = "take power / become leader / assume control",
      patterns = {
        "{take} power", "{seize} power", "{rise} to power", "{come} to power",
        "{take} over", "{take} control", "{takeover} control", "{gain} control",
        "{assume} complete? total? absolute? control", "{assume} power", "{assume} leadership",
        "{become} the? undisputed? supreme? sole? absolute? leader",
        "{become} the? dictator", "{become} head of", "rise as a? dictator", "rise to power",
        "{win} the? power? struggle",
        "{become} supreme ruler", "{proclaim} supreme ruler",
      } },
    -- appointments ----------------------------------------------------------------------
    { type = "appoint", role = "patient", object = "<post>", label = "appoint to a post",
      patterns = {
        "{appoint} *3 <post>", "{make} <post>", "{elect} *3 <post>", "{name} *3 <post>",
        "{become} <post>", "{become} the <post>",
      } },
    -- removal from party organs, from the country, from posts -----------------------------
    { type = "expel from party", role = "patient", object = "<organ>", label = "expel from the party or an organ of it",
      patterns = {
        "{expel} *4 from the? <organ>", "{remove} *4 from the? <organ>", "{drop} *4 from the? <organ>",
        "{oust} *4 from the? <organ>", "{exclude} *4 from the? <organ>", "expulsion from the? <organ>",
        "removal from the? <organ>",
      } },
    { type = "expel from country", role = "patient", object = "<country>", label = "expel from the country",
      patterns = {
        "{expel} *4 from the? <country>", "{deport} *4 from the? <country>", "{banish} *4 from the? <country>",
        "expulsion from the? <country>", "deportation from the? <country>",
      } },
    { type = "remove from post", role = "patient", object = "<post>", label = "remove from a post",
      patterns = {
        "{remove} *4 from his|her|their? <post>", "{remove} *4 from his|her|their? <post> as the? <post>",
        "{dismiss} *4 from his|her|their? <post>", "{relieve} *3 of his|her|their? <post>",
        "{strip} *3 of his|her|their? <post>", "{resign} *3 <post>",
        "{remove} *4 from all of? his|her|their? <post>",
        "{remove} *4 from power", "{oust} *4 from power",
      } },
    { type = "exile", role = "patient", object = "<place>", label = "exile or deport",
      patterns = {
        "{exile} *3 to <place>", "{deport} *3 to <place>", "{banish} *3 to <place>", "{send} *3 to <place>",
        "exile to <place>", "deportation to <place>",
      } },
    -- alliances and opposition ----------------------------------------------------------
    { type = "ally with", role = "agent", object = "entity", label = "ally with",
      patterns = {
        "{ally} *2 with", "{align} himself|herself|themselves? with", "{side} with",
        "alliance with", "{join} forces with",
      } },
    { type = "oppose", role = "agent", object = "entity", label = "oppose",
      patterns = { "{oppose}", "{attack}", "{denounce}", "{fight} against", "{turn} *3 against" } },
    -- deaths ---------------------------------------------------------------------------------
    { type = "die", role = "patient", label = "die",
      patterns = { "{die}", "death", "was|were dead", "{pass} away", "{kill} in the? fighting" } },
    { type = "assassinate", role = "patient", label = "assassinate",
      patterns = { "{assassinate}", "assassination", "{murder}", "murder of",
        "{kill} by an? assassin|sympathizer|agent" } },
    { type = "execute", role = "patient", label = "execute",
      patterns = { "{execute}", "execution", "{shoot} by firing squad" } },
    { type = "arrest", role = "patient", label = "arrest",
      patterns = { "{arrest}", "arrest of", "{imprison}", "{detain}" } },
    { type = "purge", role = "agent", label = "purge",
      patterns = { "{launch} *2 purge|purges|terror", "{purge}", "great purge|purges|terror" } },
    { type = "show trial", role = "patient", label = "show trial",
      patterns = { "{put} on trial", "show trial|trials", "moscow trial|trials", "{try} in absentia" } },
    { type = "first stroke", role = "patient", label = "first stroke",
      patterns = { "first stroke", "{suffer} *2 first? stroke" } },
    { type = "publish", role = "agent", label = "publish",
      patterns = { { "notes of an economist", object = "Notes of an Economist" } } },
  },

  -- cues, looked up in the words before a trigger (same clause) ------------------------
  negation = { "not", "n't", "never", "no", "neither", "nor", "failed to", "did not", "was not", "were not" },
  -- a negation followed by these words is not one: "not until 1928" says it happened then
  negation_exceptions = { "until", "only", "long" },
  hedges = { "perhaps", "probably", "possibly", "presumably", "allegedly", "reportedly",
    "apparently", "supposedly", "likely", "may have", "might have", "could have", "seems",
    "seemed", "it is believed", "it is said", "it was believed", "is thought", "rumoured",
    "rumored", "some say", "arguably" },
  -- the event is wished, planned or ordered, not told as having happened
  irrealis = { "determined to", "wanted to", "want to", "wants to", "tried to", "try to",
    "tries to", "hoped to", "hope to", "hope was to", "was to", "were to", "is to", "not to",
    "in order to", "plan to", "planned to", "plan was to", "attempt to", "attempted to",
    "intended to", "willing to", "would have to", "should", "should not", "must", "about",
    "threatened to", "to be" },
  -- "X claimed that ...", "according to X"
  attribution_verbs = { "claimed", "claims", "said", "says", "argued", "argues", "stated",
    "states", "wrote", "writes", "believed", "believes", "insisted", "alleged", "asserted",
    "maintained", "reported", "set", "explained", "testified", "confessed" },
  attribution_preps = { "according to" },

  -- words that tie a claim's time to another event in the same sentence:
  -- "became leader after Lenin's death in 1924" = after 1924
  relations = { after = "AFTER", following = "AFTER", before = "BEFORE", ["until"] = "BEFORE", by = "BY",
    since = "AFTER" },

  pronouns = { he = "m", him = "m", his = "m", himself = "m", she = "f", her = "f", herself = "f" },

  -- a date expression followed by one of these is a name, not a date ("October revolution")
  date_names = { "revolution" },
}

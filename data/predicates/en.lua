-- General English event vocabulary for clio claims: which phrasings make which event type,
-- for what histories narrate (war, treaties, power, deaths, arrests, offices). Domain
-- packs add to it (data/predicates/<lexicon name>.lua, loaded with that lexicon or with
-- --predicates): data/predicates/soviet-power-struggle.lua is one.
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
--   "agent"   the doer: "Napoleon took power", "Japan surrendered"
--   "patient" the one it happens to, in active and passive alike: "Paris was captured"
--             and "the Germans captured Paris" both have subject Paris (the doer, when
--             named, is the claim's `agent`)
-- named = true: the event word can be part of the event's name ("the Geneva accords",
-- "the Battle of Verdun"), which is then its subject.
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
    hang = { "hang", "hangs", "hanged", "hung", "hanging" },
    lay = { "lay", "lays", "laid", "laying" },
    sign = { "sign", "signs", "signed", "signing" },
    found = { "found", "founds", "founded", "founding" },
    defeat = { "defeat", "defeats", "defeated", "defeating" },
    withdraw = { "withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing" },
    elect = { "elect", "elects", "elected", "electing", "re-elected", "reelected" },
    retake = { "retake", "retakes", "retook", "retaken", "retaking" },
    step = { "step", "steps", "stepped", "stepping" },
  },

  -- object classes: canonical name -> phrases (folded; longest match wins)
  objects = {
    post = {
      ["general secretary"] = { "general secretary", "secretary general" },
      ["prime minister"] = { "prime minister", "premier" },
      president = { "president" },
      ["commander-in-chief"] = { "commander-in-chief", "commander in chief", "supreme commander" },
      commander = { "commander" },
      ["chief of staff"] = { "chief of staff" },
      chancellor = { "chancellor" },
      governor = { "governor" },
      minister = { "minister" },
      post = { "post", "posts", "position", "positions", "office", "offices" },
    },
  },

  events = {
    -- power and office -------------------------------------------------------------------
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
    { type = "appoint", role = "patient", object = "<post>", label = "appoint to a post",
      patterns = {
        "{appoint} *3 <post>", "{make} <post>", "{elect} *3 <post>", "{name} *3 <post>",
        "{become} <post>", "{become} the <post>",
      } },
    { type = "elect", role = "patient", label = "elect",
      patterns = { "{elect}", "election of" } },
    { type = "remove from post", role = "patient", object = "<post>", label = "remove from a post or from power",
      patterns = {
        "{remove} *4 from his|her|their? <post>", "{remove} *4 from his|her|their? <post> as the? <post>",
        "{dismiss} *4 from his|her|their? <post>", "{relieve} *3 of his|her|their? <post>",
        "{strip} *3 of his|her|their? <post>", "{resign} *3 <post>",
        "{remove} *4 from all of? his|her|their? <post>",
        "{remove} *4 from power", "{oust} *4 from power", "{depose}", "{overthrow}",
      } },
    { type = "resign", role = "agent", label = "resign", intransitive = true,
      patterns = { "{resign}", "resignation", "{step} down" } },
    { type = "abdicate", role = "agent", label = "abdicate", intransitive = true,
      patterns = { "{abdicate}", "abdication" } },
    { type = "exile", role = "patient", object = "entity", label = "exile or deport",
      patterns = { "{exile}", "{banish}", "{deport}", "exile of" } },
    -- alliances and opposition ----------------------------------------------------------
    { type = "ally with", role = "agent", object = "entity", label = "ally with",
      patterns = {
        "{ally} *2 with", "{align} himself|herself|themselves|itself? with", "{side} with",
        "alliance with", "{join} forces with",
      } },
    { type = "oppose", role = "agent", object = "entity", label = "oppose",
      patterns = { "{oppose}", "{denounce}", "{fight} against", "{turn} *3 against" } },
    -- war ---------------------------------------------------------------------------------
    { type = "declare war", role = "agent", object = "entity", label = "declare war",
      patterns = { "{declare} war on|upon|against", "declaration of war on|upon|against" } },
    { type = "invade", role = "patient", label = "invade",
      patterns = { "{invade}", "invasion of" } },
    { type = "attack", role = "patient", label = "attack",
      patterns = { "{attack}", "attack on|upon", "{bomb}", "bombing of", "{shell}" } },
    { type = "battle", role = "patient", label = "battle", named = true, nominal_preps = { "of", "at", "for", "near" },
      patterns = { "battle of|at|for|near" } },
    { type = "capture", role = "patient", label = "capture or take",
      patterns = { "{capture}", "capture of", "{recapture}", "{retake}", "{seize}",
        "{take} control of" } },
    { type = "fall", role = "patient", label = "fall of a place", intransitive = true,
      patterns = { "{fall} to", "fall of" } },
    { type = "besiege", role = "patient", label = "besiege",
      patterns = { "{besiege}", "siege of", "{lay} siege to" } },
    { type = "surrender", role = "agent", object = "entity", label = "surrender",
      patterns = { "{surrender}", "{surrender} to", "surrender of", "{capitulate}", "capitulation of" } },
    { type = "sign treaty", role = "patient", label = "sign a treaty, armistice or ceasefire", named = true,
      patterns = { "{sign} *3 treaty|armistice|ceasefire|cease-fire|truce|accords?|agreement",
        "treaty|armistice|peace|accords of", "{conclude} *3 treaty|armistice|peace|truce",
        "treaty|armistice|accords|accord" } },
    { type = "withdraw", role = "agent", label = "withdraw", intransitive = true,
      patterns = { "{withdraw}", "withdrawal of", "{retreat}", "{evacuate}", "evacuation of" } },
    { type = "defeat", role = "patient", label = "defeat",
      patterns = { "{defeat}", "defeat of", "{rout}", "{crush}" } },
    { type = "occupy", role = "patient", label = "occupy",
      patterns = { "{occupy}", "occupation of" } },
    { type = "annex", role = "patient", label = "annex",
      patterns = { "{annex}", "annexation of" } },
    { type = "liberate", role = "patient", label = "liberate",
      patterns = { "{liberate}", "liberation of" } },
    { type = "found", role = "patient", label = "found or establish",
      patterns = { "{found}", "{establish}", "founding of", "establishment of", "{proclaim}",
        "proclamation of" } },
    -- deaths, arrests ------------------------------------------------------------------------
    { type = "born", role = "patient", label = "be born", intransitive = true,
      patterns = { "was|were born", "birth of" } },
    { type = "die", role = "patient", label = "die",
      patterns = { "{die}", "death", "was|were dead", "{pass} away", "{perish}",
        "{kill} in the? fighting|action|battle|combat" } },
    { type = "kill", role = "patient", label = "kill",
      patterns = { "{kill}", "{slay}", "killing of" } },
    { type = "assassinate", role = "patient", label = "assassinate",
      patterns = { "{assassinate}", "assassination", "{murder}", "murder of",
        "{kill} by an? assassin|sympathizer|agent" } },
    { type = "execute", role = "patient", label = "execute",
      patterns = { "{execute}", "execution", "{shoot} by firing squad", "{hang}", "{behead}",
        "{guillotine}" } },
    { type = "arrest", role = "patient", label = "arrest",
      patterns = { "{arrest}", "arrest of", "{imprison}", "{detain}", "{take} prisoner|captive" } },
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
    "threatened to", "to be", "attempted", "abortive", "failed", "foiled" },
  -- "X claimed that ...", "according to X"
  attribution_verbs = { "claimed", "claims", "said", "says", "argued", "argues", "stated",
    "states", "wrote", "writes", "believed", "believes", "insisted", "alleged", "asserted",
    "maintained", "reported", "set", "explained", "testified", "confessed" },
  attribution_preps = { "according to" },

  -- words that tie a claim's time to another event in the same sentence:
  -- "became leader after Lenin's death in 1924" = after 1924
  relations = { after = "AFTER", following = "AFTER", before = "BEFORE", ["until"] = "BEFORE", by = "BY",
    since = "AFTER" },

  -- a people's name and its place are one participant when the corpus names both
  -- ("the Japanese surrendered" = "Japan surrendered"): {people's ending, place's ending}
  demonyms = { { "ese", "" }, { "ese", "a" }, { "i", "" }, { "ian", "" }, { "ian", "ia" },
    { "an", "a" }, { "n", "" }, { "", "y" } },

  pronouns = { he = "m", him = "m", his = "m", himself = "m", she = "f", her = "f", herself = "f" },

  -- a date expression followed by one of these is a name, not a date ("October revolution")
  date_names = { "revolution" },
}

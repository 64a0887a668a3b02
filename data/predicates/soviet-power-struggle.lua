-- Domain pack for clio claims: the struggle for Lenin's succession (1922–1940), beside
-- data/lexicons/soviet-power-struggle.lua and loaded with it (`--lexicon
-- soviet-power-struggle`), or with `--predicates en --predicates soviet-power-struggle`.
-- It adds party organs, Soviet posts and places, and the events the Soviet histories tell
-- that general histories do not (expulsion from the party, show trials, purges) to the
-- general vocabulary in data/predicates/en.lua. Format: that file's header.
return {
  name = "Soviet power struggle, 1922–1940",

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
    },
  },

  events = {
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
    { type = "exile", role = "patient", object = "<place>", label = "exile or deport",
      patterns = {
        "{exile} *3 to <place>", "{deport} *3 to <place>", "{banish} *3 to <place>", "{send} *3 to <place>",
        "exile to <place>", "deportation to <place>",
      } },
    { type = "oppose", role = "agent", object = "entity", patterns = { "{attack}" } },
    { type = "purge", role = "agent", label = "purge",
      patterns = { "{launch} *2 purge|purges|terror", "{purge}", "great purge|purges|terror" } },
    { type = "show trial", role = "patient", label = "show trial",
      patterns = { "{put} on trial", "show trial|trials", "moscow trial|trials", "{try} in absentia" } },
    { type = "first stroke", role = "patient", label = "first stroke",
      patterns = { "first stroke", "{suffer} *2 first? stroke" } },
    { type = "publish", role = "agent", label = "publish",
      patterns = { { "notes of an economist", object = "Notes of an Economist" } } },
  },
}

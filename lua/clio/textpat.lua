--- clio.textpat: the LPeg pieces that every byte-level grammar shares (the temporal
--- grammar, the lexicon matcher): what a word character is, the spaces between words,
--- apostrophes and dashes. One definition, so that a date and a name end at the same
--- place in the same text.
local lpeg = require "lpeg"
local core = require "clio.core"
local P, R, S = lpeg.P, lpeg.R, lpeg.S

local M = {}

M.digit = R "09"
-- A word character as the tokenizer reads one: ASCII letters and digits here, any
-- other character by its Unicode class (core.word_char_end), so that a year or a name
-- ends before "–", "»", "”", "—" or "…" as it ends before "-", '"' or ".". Only lead
-- bytes are asked: a word character's continuation bytes are taken with it, so a lone
-- one is met only while stepping byte by byte through a character that is not a word's.
M.wchar = R("az", "AZ", "09") + lpeg.Cmt(R "\192\255", core.word_char_end)
M.B = -M.wchar                                   -- word boundary (lookahead)
-- an upper- or title-case letter, beyond ASCII too ("Ölander", "Жуков")
M.upper = R "AZ" + lpeg.Cmt(R "\192\255", core.upper_char_end)
M.hs = S " \t" + P "\194\160"                    -- horizontal space incl. NBSP
-- between words: spaces, or one line break (text wrapped inside a paragraph)
M.ws = M.hs ^ 1 * (P "\r" ^ -1 * P "\n" * M.hs ^ 0) ^ -1 + P "\r" ^ -1 * P "\n" * M.hs ^ 0
-- hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus: each
-- a whole sequence (S would take a multi-byte dash's first byte alone)
M.dash = P "-" + P "‐" + P "‑" + P "‒" + P "–" + P "—" + P "−"
-- a hyphen inside a word: hyphen-minus, hyphen, non-breaking hyphen
M.hyphen = P "-" + P "‐" + P "‑"
M.apos = P "'" + P "’"                           -- ' and ’
M.quote_apos = M.apos + P "‘"                    -- and ‘, typed for ’ by some editors

return M

"""Speakers of quotes: the phrase as written, trimmed; the person's name apart from the role; the people an article
names, so that "he said" and "the minister said" resolve to a named person; one canonical name per person.

``split_speaker("Texas senator John Cornyn on Thursday")`` gives name "John Cornyn", role "Texas senator" ("the
36-year-old Klitschko": Klitschko; "first lady Tammy Murphy": Tammy Murphy); a description ("a senior French
official") is kept whole, with no role. ``Mentions`` holds the people an article names outside its quotes (not
places: "In Gyami, a village ..."; not ships: "INS Mysore"), in reading order; ``resolve`` turns a pronoun or a
definite description into the nearest fitting one of them in the same paragraph or the one before (a description of a
role: the one person named there when the article gives that person no other role), and otherwise into nothing: a
quote is never credited to a name the text does not tie to it; an organisation ("the White House") is no person whose
role holds its name. An epithet ("the mother-of-two", "the Kentuckian", "the veteran Kremlin leader") is the nearest
subject named before it whose gender fits, or the subject named in the next sentence (``described``); a sentence
opening on a description of a named person counts as that person's mention (``add_described``); a sentence opening on
a participle clause ("Asked if Ortiz ..., Waldie said") has its subject after it. Gender comes from the "he" or "she"
that follows most of a person's mentions as subject ("Snider, who met King, said he": Snider's), or from a role that
opens on a woman's or a man's noun ("daughter of ..."); a name after a pronoun subject ("He called Orozco") is its
object, not a subject; the subject of a leading clause that a "he" or "she" takes up ("As RuPaul became more
popular, he") is a subject, as are the first name after an aside in brackets and the speaker of "…, said X"; "His
Black identity" names no one. ``find_organisations`` lists the organisations made subjects of sentences, for "it
said" and "the company said" (``resolve_organisation``).
"""
from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from .first_names import first_name_gender
from .sentences import paragraphs

Gender = Literal["m", "f", "?"]

DAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Time and place words after a speaker ("on Thursday", "late Wednesday", "in November", "in Moscow", "at a news
# conference").
_TIME = (rf"\s+(?:on|late|early|last|this|earlier|later)?\s*(?:{DAYS}|night|week|month|year)"
         r"(?:\s+(?:morning|afternoon|evening|night))?"
         rf"|\s+(?:in|on|late|early|last|this|since)\s+(?:{MONTHS}(?:\s+\d{{1,2}})?|\d{{4}})"
         r"|\s+(?:yesterday|today|tonight|earlier|later|separately|again|also|previously|recently|now)")
_PLACE = (r"\s+(?:in|at|on|during|after|before|outside|via|while|when)\s+(?:a|an|the|his|her|their|its|[A-Z])"
          r"[^,;:!?]*")
_TIME_TAIL = re.compile(rf"(?:{_TIME})+$")
# Where or through what a described speaker spoke, no part of who they are ("a police officer at the scene", "one
# operative in the state", "the court in its ruling", "analysts at Goldman Sachs in a note", "attorneys Rudy Giuliani
# and Jay Sekulow in a joint statement"); "an official in the ministry" keeps its place.
_SPOKEN_WHERE = re.compile(r"\s+(?:in|at)\s+(?:a|an|the|its|his|her|their)\s+(?:joint\s+|written\s+)?(?:scene|state|"
                           r"city|country|town|area|region|capital|statement|ruling|interview|email|letter|post|tweet|speech|filing|"
                           r"decision|opinion|note|report|memo|video|podcast|column)$")
_TAIL = re.compile(rf"(?:{_TIME}|{_PLACE})+$")
# "A dejected Edwards", "a visibly emotional Jo Smith", "the 36-year-old Klitschko": an article, lowercase words,
# then only a name
_DESCRIBED_NAME = re.compile(r"^(?:[Aa]n?|[Tt]he)\s+((?:[a-z0-9][\w\-]*\s+){1,3})"
                             r"([A-Z][\w\-'\u2019.]*(?:\s+[A-Z][\w\-'\u2019.]*){0,2})$")
# A person's tie to another ("a friend of X", "an aide to X"); not a text's source ("a survey from X", "produced by X")
_LINKS = frozenset({"to", "of", "for", "with"})
# How a text reached the writer: "a memo obtained by Reuters" is no more Reuters's than "a memo"
_PASSED_ON = frozenset({"obtained", "seen", "reviewed", "viewed", "leaked", "shared", "forwarded"})
SPEAKER_NOUNS = {
    "fan", "fans",  # ("“…,” fans said", "was nicknamed “…” by fans")
    "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman",
    "spokesperson", "minister", "ministers", "president", "presidency", "office", "government", "ministry",
    "kremlin", "envoy", "ambassador", "analyst", "analysts", "secretary", "chief", "leader", "leaders",
    "police", "statement", "report", "aide", "aides", "adviser", "advisers", "advisor", "expert", "experts",
    "lawmaker", "lawmakers", "senator", "governor", "mayor", "general", "commander", "army", "navy", "military",
    "spokespeople", "representative", "representatives", "negotiator", "negotiators", "prosecutors",
    "prosecutor", "court", "judge", "company", "residents", "witnesses", "witness", "people", "member",
    "members", "director", "ceo", "chancellor", "premier", "palace", "house", "department", "agency",
    "committee", "commission", "council", "party", "union", "alliance", "organisation", "organization",
    "forecaster", "forecasters", "researcher", "researchers", "scientist", "scientists", "economist", "economists",
    "investigator", "investigators", "authorities", "organisers", "organizers", "prosecution", "defence", "defense",
    "critic", "critics", "commentator", "commentators", "operative", "operatives", "strategist", "strategists",
    "insider", "insiders", "activist", "activists", "protesters", "protestors", "demonstrators", "campaigners",
    "marchers", "family", "families", "friend", "friends", "neighbours", "neighbors",
    "colleagues", "classmates", "teammates",
}
# Nouns of people whose "of" names whom they belong to: "the husband of Jane Doe", "supporters of the mayor"
PEOPLE_OF = frozenset({
    "father", "mother", "husband", "wife", "son", "daughter", "brother", "sister", "parents", "widow", "family",
    "friend", "friends", "relatives", "relative", "member", "members", "supporters", "fans", "colleagues", "aides",
    "aide", "allies", "ally", "children", "grandmother", "grandfather", "uncle", "aunt", "cousin", "partner", "fiance",
    "fiancee", "girlfriend", "boyfriend", "families", "one"})
# Things before "of"/"for" and a name: the name is whom "who" stands for ("a victory for Jane Park, who said")
THINGS_OF = frozenset({
    "victory", "win", "defeat", "death", "killing", "murder", "arrest", "release", "resignation", "firing", "ouster",
    "election", "objections", "objection", "support", "home", "house", "office", "campaign", "case", "trial",
    "funeral", "memory", "legacy", "nomination", "appointment", "city", "comments", "remarks", "return", "visit",
    "loss", "blow", "setback", "rebuke", "request", "protests", "protest", "opposition", "criticism", "concerns",
    "demands", "wishes", "anger", "mouth", "words", "voice", "lips", "pen", "tweet", "post", "statement", "speech",
    "testimony", "interview", "account", "version", "story", "claim", "claims", "allegations", "backing",
    "endorsement", "blessing", "approval", "praise"})
DESCRIPTION_START = ("a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "another", "most",
                     "all", "few", "both")
_LEAD = re.compile(r"^[(\[]?(?:(?:and|but|yet|then|also|later|now|meanwhile|however|additionally|indeed|still|so|"
                   r"says|adds|writes),?\s+|(?:today|yesterday|tonight|first|second|third|finally|separately|similarly|"
                   r"likewise|moreover|furthermore|elsewhere|earlier|afterwards?|nevertheless|nonetheless|instead|"
                   r"otherwise|besides|ultimately|subsequently|previously|initially|eventually|notably|importantly|"
                   r"publicly|privately|specifically|ironically|overall),\s+|(?-i:said)\s+|"
                   rf"(?:in|on|since)\s+(?:\d{{4}}|{MONTHS}|{DAYS})(?:\s+\d{{1,2}})?,?\s+|"
                   r"(?:last|this)\s+(?-i:year|week|month),?\s+)+",
                   re.I)
# ("Says Neil": a live blog's byline; "Today, the People's Daily newspaper", "Separately, the Health and Human
# Services Department": a sentence adverb; "said a former official", "In 2007 Mr. Huckabee", "Last week Mr. Hart":
# a time)
HONORIFIC_GENDER: dict[str, Gender] = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f",
                                       "lord": "m", "lady": "f", "baroness": "f", "king": "m", "queen": "f",
                                       "prince": "m", "princess": "f"}
# Title words that are part of a role, never of a name ("Russian President Vladimir Putin").
ROLE_WORDS = frozenset({
    "president", "prime", "minister", "chancellor", "secretary", "general", "foreign", "defence", "defense",
    "senator", "sen", "rep", "gov", "governor", "mayor", "chief", "executive", "ceo", "spokesman", "spokeswoman",
    "spokesperson", "deputy", "vice", "pope", "prince", "princess", "dr", "lt", "col", "gen", "colonel", "chef",
    "lieutenant", "commander", "ambassador", "envoy", "leader", "chairman", "chairwoman", "chair", "director",
    "judge", "justice", "attorney", "finance", "interior", "economy", "state", "first", "former", "opposition",
    "premier", "speaker", "senate", "house", "counterpart", "professor", "prof", "founder", "co-founder",
    "supervisor", "advocate", "assemblymember", "congressman", "congresswoman", "representative", "rev", "sgt", "adm",
    "ayatollah", "supreme", "secretary-general", "whip", "majority", "minority", "legislator", "lawmaker",
    "official", "head", "treasurer", "commissioner", "chairperson", "dictator", "leaders", "psychologist",
    "psychoanalyst", "analyst", "economist", "consultant", "pollster", "realtor", "lawyer", "coach", "manager",
    "publicist", "reporter", "editor", "author", "writer", "researcher", "scientist", "candidate", "member", "mp",
    "mep", "sheriff", "officer",
    "const", "constable", "det", "detective", "insp", "inspector", "supt", "superintendent", "cpl", "corporal",
    "pvt", "sergeant", "capt", "captain", "cllr", "coun", "maj", "cmdr", "commodore", "atty", "dist", "ald", "alderman",
    "trooper", "marshal", "msgr", "brig", "undersheriff", "councilman", "councilwoman", "councilmember", "councillor",
    "councilor", "alderwoman", "assemblyman", "assemblywoman", "selectman", "selectwoman", "comptroller",
    "clerk", "prosecutor", "coroner", "auditor", "assessor", "registrar", "administrator", "solicitor",
    "principal", "headteacher", "headmaster", "headmistress", "provost", "rector",
    # what follows "Minister of", "Secretary of": "French Minister of Foreign Affairs Stephane Sejourne"
    "affairs", "health", "staff", "commerce", "agriculture", "education", "energy", "trade", "transport",
    "labour", "labor", "treasury", "security", "homeland", "veterans", "housing", "environment", "culture",
    "industry", "employment", "immigration", "development", "international", "internal", "public", "works",
}) | {f"{role}-{when}" for role in ("president", "governor", "mayor", "senator", "speaker", "minister", "premier",
                                     "chancellor", "leader", "secretary") for when in ("elect", "designate", "to-be")}
# (an office not yet taken: "President-elect Donald Trump", "Speaker-to-be Nancy Pelosi")
# Words that make a description before a name another one ("former world number one Elena Petrova")
_MODIFIERS_BEFORE = frozenset({"former", "ex", "then", "previous", "late", "outgoing", "interim", "acting", "deputy",
                               "assistant", "vice", "fellow", "new", "incoming", "future"})
# Titles written short, as their descriptions spell them ("Prof James Okonkwo" is "the professor")
# Words for an office written out that a title abbreviates otherwise: "the congressman" of "Rep. Jim Jordan"
_SAME_OFFICE = {"congressman": "representative", "congresswoman": "representative"}
# Words of a description telling how long or how securely someone has held an office: "the four-term congressman"
_TENURE = re.compile(r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)-term|longtime|veteran|embattled|"
                     r"outgoing|incumbent|sitting")
_TITLE_WORDS = {"prof": "professor", "sen": "senator", "rep": "representative", "gov": "governor", "dr": "doctor",
                "lt": "lieutenant", "col": "colonel", "gen": "general", "sgt": "sergeant", "det": "detective",
                "insp": "inspector", "supt": "superintendent", "capt": "captain", "cllr": "councillor",
                "adm": "admiral", "cmdr": "commander", "asst": "assistant", "atty": "attorney"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "messrs", "mme", "adv"})  # "Adv Tšosane": advocate
# Titles a knight or a dame bears before the given name: "Sir Keir" is Keir Starmer, "Dame Judi" Judi Dench.
_KNIGHTED = frozenset({"sir", "dame"})
# Counts of people ("Hundreds of students said", "Dozens chanted"): never a name, nor alone a speaker.
COUNT_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "tens", "several", "few", "many"})
# Days, which open sentences without naming anyone ("Saturday at the convention Sen. X said")
DAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                       "yesterday"})
MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
# Capitalised words that do not name a person.
NOT_NAME = COUNT_WORDS | DAY_WORDS | MONTH_WORDS | frozenset({
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "if", "when", "while", "after", "before", "during",
    "however", "meanwhile", "still", "yet", "so", "as", "it", "this", "that", "these", "those", "there", "here",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "my", "what", "why", "how", "who",
    "since", "until", "because", "although", "though", "with", "from", "by", "to", "of", "about", "among", "like",
    "despite", "unlike", "not", "no", "yes", "one", "two", "three", "some", "many", "most", "all", "both", "each",
    "additionally", "indeed", "instead", "also", "then", "now", "later", "earlier", "asked", "speaking", "new",
    "was", "were", "is", "are", "did", "does", "do", "has", "have", "had", "would", "could", "should",  # "Was X …?"
    "neither", "either", "nor", "perhaps", "maybe", "nobody", "somebody", "everybody", "anybody", "everyone",
    "someone", "anyone",
    # an adjective opening a sentence before a name it modifies ("Top Sanders aides", "Rival Hillary Clinton")
    "top", "rival", "senior", "leading", "longtime", "embattled", "outgoing", "incoming", "beleaguered", "disgraced",
    # a speech verb opening a sentence before its speaker ("Replied Stephen, with some delicacy, “…”"); not "said"
    # ("Edward Said")
    "replied", "replies", "added", "adds", "explained", "explains", "recalled", "recalls", "responded", "responds",
    "answered", "answers", "countered", "counters", "insisted", "insists", "quipped", "quips", "continued",
    "continues", "warned", "warns", "admitted", "admits", "noted", "notes", "told", "tells", "wrote", "writes",
    "says", "asks", "joked", "jokes", "laughed", "laughs", "argued", "argues", "declared", "declares", "shouted",
    "shouts", "observed", "observes", "offered", "offers",
})
ORG_WORDS = frozenset({
    "palace", "ministry", "office", "house", "kremlin", "council", "union", "party", "agency", "bank", "court",
    "department", "government", "commission", "organization", "organisation", "company", "inc", "corp", "ltd",
    "university", "police", "army", "navy", "fleet", "corps", "regiment", "battalion", "squadron", "forces",
    "presidency", "committee", "alliance", "nato", "group", "news",
    "times", "post", "press", "journal", "magazine", "network", "tv", "digital", "reuters", "associated",
    "street", "city", "county", "state", "states", "republic", "kingdom", "nations", "centre", "center",
    "institute", "foundation", "parliament", "congress", "senate", "capitol", "airlines", "airways", "motors",
    "club", "league", "fund", "board", "service", "services", "school", "schools", "college", "hospital",
    "association",
    "coalition", "conservancy", "federation", "administration", "embassy", "channel", "radio", "daily",
    "review", "telegraph", "guardian", "independent", "herald", "tribune", "gazette", "observer", "world",
    "church", "cathedral", "mosque", "temple", "synagogue", "museum", "academy", "stadium", "airport", "hotel",
    "gallery", "theatre", "theater", "studios", "pictures", "entertainment", "records", "station",
    "foods", "holdings", "industries", "technologies", "enterprises", "pharmaceuticals", "brands", "stores",
    "supermarkets", "petroleum", "insurance", "logistics", "communications", "media", "electronics",
    "llc", "plc", "limited", "incorporated", "corporation",
    "bureau", "survey", "society", "authority", "assembly", "tribunal", "secretariat", "directorate", "observatory",
    "laboratory", "laboratories", "patrol", "reserve", "command", "watch", "caucus", "cabinet",  # (not "guard",
    # "trust": surnames too, "Ken Guard")
})
# Lower-case words inside a person's name ("Bill de Blasio", "Vincent van Gogh")
NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "dos",
                            "bin", "ibn", "al", "ter", "ten"})
# Last words of capitalised names of things, never of people ("the Autumn Statement", "the Brit Awards").
THING_WORDS = frozenset({
    "statement", "budget", "act", "bill", "report", "plan", "agreement", "treaty", "accord", "policy",
    "programme", "program", "award", "awards", "prize", "cup", "championship", "championships", "festival",
    "summit", "conference", "games", "olympics", "election", "elections", "strategy", "review", "index",
})
# Heads of the descriptions news writing uses for a person it has just named or quoted ("the 43-year-old", "the
# first son", "the former disciple", "the actor"): never an office, which another person may hold.
EPITHET_NOUNS = frozenset({
    "man", "woman", "boy", "girl", "teenager", "teen", "son", "daughter", "father", "mother", "dad", "mum", "mom",
    "husband", "wife", "brother", "sister", "grandfather", "grandmother", "uncle", "aunt",
    "widow", "widower", "actor", "actress", "singer", "star", "rapper", "musician", "artist", "athlete", "expert",
    "player", "striker", "goalkeeper", "doctor", "disciple", "survivor", "victim", "veteran", "activist",
    "pastor", "priest", "billionaire", "businessman", "businesswoman", "entrepreneur", "mogul", "tycoon",
    "comedian", "presenter", "novelist", "filmmaker", "pensioner", "youngster", "swimmer", "runner", "campaigner",
    "volunteer", "nurse", "teacher", "student", "farmer", "worker", "owner", "fan", "resident", "parent",
    "patriarch", "matriarch", "midfielder", "defender", "winger", "forward", "keeper", "batsman", "batter",
    "bowler", "quarterback", "pitcher", "skipper", "engineer", "scientist", "researcher", "author", "writer",
    "democrat", "republican", "agent",
}) | frozenset(f"{parent}-of-{n}" for parent in ("mother", "father", "mum", "dad", "mom", "grandmother", "grandfather",
                                                 "gran", "grandad")
               for n in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))
# ("the mum-of-two", "the father-of-four")
_PARENT_NOUNS = frozenset({"mother", "father", "mum", "dad", "mom", "grandmother", "grandfather", "gran", "grandad",
                           "parent", "husband", "wife", "widow", "widower"})
# Trades a sentence may open on before a name, besides the epithets' ("Boxer Kieran Doyle", "Co-host Alicia Moore")
_LEADING_TITLES = frozenset({"boxer", "footballer", "golfer", "fighter", "cyclist", "jockey", "host", "co-host",
                             "co-star", "co-founder", "co-owner", "presenter", "chef", "designer", "model",
                             "influencer", "youtuber", "dancer", "journalist", "reporter", "columnist", "pundit",
                             "commentator", "broadcaster", "producer", "songwriter", "drummer", "guitarist",
                             "photographer", "referee", "caddie", "challenger", "trainer", "agent", "promoter"})
_AGE = re.compile(r"^\d{1,3}-year-old$")
# Epithets of the young: no one the article gives an age of 20 or more
_YOUNG_NOUNS = frozenset({"teenager", "teen", "boy", "girl", "schoolboy", "schoolgirl", "youngster", "child", "kid",
                          "toddler", "youth"})
# A name with its age in an apposition: "Liam Jones, 31,"
_AGED = re.compile(r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3}),\s+(?:who\s+is\s+|aged\s+)?"
                   r"(?P<age>\d{1,3}),")  # ("Liam Jones, 31,", "Tom Hughes, who is 45,"; not a seed or a score "(4)")
_SHE_NOUNS = frozenset({"woman", "girl", "daughter", "mother", "mum", "mom", "wife", "sister", "grandmother", "aunt",
                        "widow", "matriarch", "actress", "businesswoman", "spokeswoman", "chairwoman", "congresswoman"})
_HE_NOUNS = frozenset({"man", "boy", "son", "father", "dad", "husband", "brother", "grandfather", "uncle", "widower",
                       "patriarch", "actor", "businessman", "spokesman", "chairman", "congressman"})


# A sentence opening on a description of a person, maybe after a leading phrase: "Hours earlier, the ayatollah had"
_DESCRIBED_SUBJECT = re.compile(r"\s*(?:[A-Z][^,.;:!?\"\u201c\u201d]{0,40},\s+)?"
                                r"(?P<desc>[Tt]he\s+(?:[a-z][\w\-]*\s+){0,3}?(?P<head>[a-z][\w\-]*|\d{1,3}-year-old))"
                                r"\s+(?:(?:has|had|also|then|later|again)\s+)*[a-z]+")
# A sentence whose subject describes a person without naming them ("But a spokesperson for the union said", "Before
# he left school, a drama teacher scolded him", "The duchess also revealed"); the lead may be a name in apposition.
_UNNAMED_SUBJECT = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|However|Meanwhile),?\s+)?(?:(?P<lead>[A-Z][^,.;:!?\"\u201c\u201d]{0,40}),\s+)?"
    r"(?P<desc>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|One|Another|[A-Z][\w\-]*['\u2019]s)\s+"
    r"(?:[a-z][\w\-]*(?:['\u2019]s)?\s+){0,3}?(?P<head>[a-z][\w\-]*))"
    r"(?P<object>\s+(?:for|of|at|with|from)\s+[^,.;:!?\"\u201c\u201d]{1,80}?)?"
    r"(?:,\s+(?P<named>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*)?),|\s+(?P<given>[A-Z][a-z]+)(?=\s+[a-z]))?"
    # ("His brother, Paul, told", "His brother Paul told")
    r"(?:,\s+(?:then\s+|now\s+)?\d{1,3},)?"  # ("The woman, then 25, told")
    r"\s+(?:(?:has|had|also|then|later|again)\s+)*(?!(?:deceased|accused)\b)"  # (nouns: "The daughter of the deceased")
    r"(?:said|told|says|tells|[a-z]+ed|[a-z]+s|hit|spoke|wrote|took|gave|"
    r"made|met|sent|struck|won|lost|felt|saw|held|kept|went|came|ran|paid|led|left|got|put|found|brought|thought|"
    r"began|became|heard|stood|sat|fought|bought|caught|built|spent|knew|grew|threw|drew|chose|broke|fled|fell|"
    r"shook|wept|sought|set|let|cut|sold|taught|beat|shot|drove|rode|sang)\b")  # ("His brother paid tribute")
# A sentence about someone it does not name: "Another employee who has worked there ...", "A woman said", "The
# last question was from a young child".
_UNNAMED_PERSON = re.compile(
    r"(?:^|[.!?:]\s+|\n|,\s+|\b(?:from|by|with)\s+)(?:[Aa]nother|[Aa]n?|[Oo]ne)\s+(?:[A-Za-z][\w\-]*\s+){0,4}?(?:"
    + "|".join(sorted(EPITHET_NOUNS | {"employee", "official", "officer", "source", "witness", "member", "neighbour",
                                       "neighbor", "friend", "relative", "spokesman", "spokeswoman", "staffer",
                                       "child", "kid", "assistant"}))
    + r")\b", re.MULTILINE)


def description_gender(description: str) -> Gender:
    """Whether a description is of a woman ("the mother-of-two", "the actress") or a man ("the father"), or "?"."""
    head = _low(description.split()[-1]) if description.split() else ""
    head = head.split("-of-")[0]
    return "f" if head in _SHE_NOUNS else "m" if head in _HE_NOUNS else "?"


# The roles of those "the boss" may stand for
_BOSS_ROLES = frozenset({"manager", "coach", "boss", "head", "chief", "gaffer"})
# Trades of sport and show business an epithet names the subject just before it by (``Mentions.adjacent``)
_ADJACENT_TRADES = frozenset({"midfielder", "defender", "striker", "winger", "forward", "keeper", "goalkeeper",
                              "batter", "batsman", "bowler", "all-rounder", "quarterback", "pitcher", "boxer",
                              "fighter", "golfer", "swimmer", "sprinter", "cyclist", "jockey", "footballer", "singer",
                              "actor", "actress", "star", "rapper", "comedian", "presenter", "youtuber", "influencer",
                              "youtuber-turned-boxer", "boss", "champion", "international"})
# A description ending on the object of a preposition, which a name in apposition after it may name instead of its
# head: "The mother of the boy, Liam Cole," (the boy, maybe), "The mayor of the city, Ciudad Juarez," (the city)
_OBJECT_ENDING = re.compile(r"\b(?:of|for|to|with)\s+(?:the|a|an|his|her|their|its|our)\s+(?:[a-z][\w\-]*\s+)?"
                            r"(?P<noun>[a-z]+)\s*,?\s*$")
_PERSON_OBJECTS = frozenset({"boy", "girl", "child", "baby", "toddler", "infant", "teenager", "teen", "man", "woman",
                             "defendant", "accused", "victim", "suspect", "student", "pupil", "patient", "player",
                             "deceased", "driver", "passenger", "soldier", "gunman", "prisoner", "inmate", "son",
                             "daughter", "husband", "wife", "couple", "bride", "groom", "claimant", "plaintiff",
                             "rapper", "singer", "star", "actor", "actress", "striker", "footballer", "athlete",
                             "musician", "artist", "boxer", "fighter", "golfer", "swimmer"})


def names_the_object(description: str, name: str) -> bool:
    """Whether a name in apposition after ``description`` may name the object of its preposition, not its head:
    always for a person's noun ("The lawyer for the defendant, Marcus Hill,": the lawyer or the defendant); for a
    group's noun when the name reads as a group's or a place's ("The chairman of the club, Leeds United,", "The
    chief executive of the company, Orbital,", "The chairman of the club, Chelsea,"; not "The president of the
    union, Nkosinathi Dube,"); for a place's noun unless the name opens on a common first name ("The mayor of the
    city, Ciudad Juarez,", and unsure, "The mayor of the city, Cruz Perez Cuellar,"; not "The mayor of the city,
    Karen Bass,"). With no name: whether the object is a person's."""
    m = _OBJECT_ENDING.search(description)
    if m is None:
        return False
    noun, words = m.group("noun"), name.split()
    if noun in _PERSON_OBJECTS:
        return True
    if not words:
        return False
    if noun in _PLACE_OBJECTS:
        return first_name_gender(words[0]) == "?"
    return noun in _GROUP_OBJECTS and (
        len(words) == 1 or name in GAZETTEER or
        any(w in GAZETTEER for w in words) or _low(words[-1]) in ORG_WORDS | _CLUB_WORDS or words[0] in _PLACE_OPENERS)


_PLACE_OBJECTS = frozenset({"city", "town", "village", "county", "state", "country", "province", "region", "district",
                            "nation", "island"})
_GROUP_OBJECTS = frozenset({"company", "firm", "club", "team", "group", "party", "band", "school", "university",
                            "charity", "church", "hospital", "airline", "bank", "startup", "union", "league", "side"})
# Last words of clubs' names ("Leeds United", "Bristol Rovers"); first words of places' ("Ciudad Juarez")
_CLUB_WORDS = frozenset({"united", "rovers", "athletic", "wanderers", "albion", "town", "fc", "afc", "hotspur",
                         "rangers", "villa", "forest", "argyle", "orient", "sc", "cf"})
_PLACE_OPENERS = frozenset({"Ciudad", "Puerto", "Porto", "Port", "Fort", "Mount", "São", "Sao", "Saint", "St."})


# Demonyms of men ("the Dutchman"); "German" and "Roman" are no man's only
_MAN_DEMONYMS = frozenset({"Dutchman", "Frenchman", "Englishman", "Irishman", "Scotsman", "Welshman", "Manxman",
                           "Cornishman", "Yorkshireman"})
# "The Kentuckian", "the Texan", "the Muscovite": a person by where they come from
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|an|ite|ese)$")
_IRREGULAR_DEMONYMS = {
    "Swede": ("swedish", "sweden"), "Dane": ("danish", "denmark"), "Finn": ("finnish", "finland"),
    "Pole": ("polish", "poland"), "Turk": ("turkish", "turkey"), "Greek": ("greece",),
    "Scot": ("scottish", "scotland"), "Brit": ("british", "britain", "briton"),
    "Briton": ("british", "britain", "brit"), "Spaniard": ("spanish", "spain"),
    "Croat": ("croatian", "croatia"), "Serb": ("serbian", "serbia"), "Czech": ("czechia",),
    "Swiss": ("switzerland",), "Thai": ("thailand",), "Filipino": ("philippines", "filipina"),
    "Argentine": ("argentina", "argentinian"), "Norwegian": ("norway",), "Belgian": ("belgium",),
    "Lebanese": ("lebanon",), "Portuguese": ("portugal",), "Dutchman": ("dutch", "netherlands"),
    "Dutchwoman": ("dutch", "netherlands"), "Frenchman": ("french", "france"), "Frenchwoman": ("french", "france"),
    "Englishman": ("english", "england"), "Englishwoman": ("english", "england"), "Irishman": ("irish", "ireland"),
    "Irishwoman": ("irish", "ireland"), "Scotsman": ("scottish", "scotland", "scot"),
    "Welshman": ("welsh", "wales"), "Welshwoman": ("welsh", "wales"),
}
# "the veteran Kremlin leader", "the Russian dictator": a ruler described by where they rule
_RULER_NOUNS = frozenset({"leader", "dictator", "strongman", "autocrat", "ruler"})


# Epithets of a position or a trade the text must give the person for them to be theirs ("midfielder Declan Rice",
# "Engineer Tom Baird"), not the subject's by default ("Arsenal manager Mikel Arteta praised midfielder Declan Rice")
_GIVEN_EPITHETS = frozenset({"midfielder", "defender", "winger", "forward", "keeper", "batsman", "batter", "bowler",
                             "quarterback", "pitcher", "skipper", "engineer", "scientist", "researcher", "author",
                             "writer", "democrat", "republican", "agent"})


class GivenWord(NamedTuple):
    """The words a text must give a person for an epithet to stand for them (``given_word``)."""

    forms: frozenset[str]  # any of these: "swedish", "sweden", "swede" for "the Swede"
    qualifiers: tuple[str, ...]  # none of them contradicted: "connecticut" for "the Connecticut Democrat"
    trade: bool  # a position's or a trade's: given as the head of a title only ("free agent quarterback" is no agent)
    gender: Gender  # "the Frenchwoman" is a she, "the Dutchman" a he


def given_word(description: str) -> GivenWord | None:
    """What the text must give a person for an epithet to be theirs: a nationality's words ("the Swede": Swede,
    Swedish, Sweden; of a country the gazetteer holds), a position's, a trade's or a party's ("the midfielder",
    "the Democrat": Democrat, Democratic), and its capitalised qualifiers ("the Connecticut Democrat"); None for
    other descriptions."""
    raw = description.split()
    last = raw[-1]
    forms = nationality_forms(last)
    trade = forms is None and _low(last) not in ("democrat", "republican")
    if forms is None and _low(last) in _GIVEN_EPITHETS:
        forms = frozenset({_low(last), "democratic"} if _low(last) == "democrat" else {_low(last)})
    if forms is None:
        return None
    gender: Gender = "f" if last.endswith("woman") else "m" if last in _MAN_DEMONYMS else "?"  # (not "German")
    return GivenWord(forms, tuple(_low(w) for w in raw[1:-1] if w[:1].isupper()), trade, gender)


def nationality_forms(word: str) -> frozenset[str] | None:
    """The words of a demonym's nationality ("Swede": swede, swedish, sweden; "Croatian": croatian, croatia), for a
    country the gazetteer holds; None for other words ("Ryan", "Bolshoi", "Ancelotti")."""
    if word in _IRREGULAR_DEMONYMS:
        return frozenset({word.lower(), *_IRREGULAR_DEMONYMS[word]})
    if not re.fullmatch(r"[A-Z][a-z]+(?:ian|an|ese|i|ish)", word):
        return None
    low = word.lower()
    places = {place.lower() for place in GAZETTEER if " " not in place and len(place) >= 4 and
              low.startswith(place.lower()[:-1] if place[-1] in "aeiouy" else place.lower())}
    return frozenset({low, *places}) if places else None


def is_epithet(description: str) -> bool:
    """Whether "the ..." describes a person the way writers vary a name ("the 43-year-old", "the first son", "the
    Kentuckian", "the veteran Kremlin leader")."""
    raw = description.split()
    words = [_low(w) for w in raw]
    if len(words) < 2 or words[0] != "the" or any(POSSESSIVE.search(w) for w in raw[1:-1]):
        return False  # (not "the victim's mother": someone's relative)
    if "and" in words[2:-1]:  # "the comedian and talk show host": either noun
        cut = words.index("and", 2)
        return is_epithet(" ".join(raw[:cut])) or is_epithet("the " + " ".join(raw[cut + 1:]))
    if words[-1] in EPITHET_NOUNS or _AGE.match(words[-1]):
        return True
    if len(words) == 2 and _DEMONYM.match(raw[1]) and words[1] not in ORG_WORDS:
        return True  # "the Kentuckian"
    if len(words) <= 4 and nationality_forms(raw[-1]) and all(w[:1].islower() or _AGE.match(w) for w in raw[1:-1]):
        return True  # "the Swede", "the 19-year-old Croatian" (not "the 54-year-old Ryan", "the Bolshoi")
    return words[-1] in _RULER_NOUNS and any(w[:1].isupper() for w in raw[1:-1])


# A sentence opening on a subordinate or participle clause ("Asked if Ortiz ..., Waldie said"): its first name is
# not its subject.
SUBORDINATE_START = re.compile(
    r"\s*(?:After|When|While|As|Since|Because|Although|Though|If|Before|Until|Once|Unless|Asked|Pressed|"
    r"Questioned|Speaking|Responding|Reacting|Writing|"
    # a participle opening the sentence: "Continuing to explain his perspective, Carson rejected"
    r"[A-Z][a-z]{3,}ing(?=\s+(?:to|the|a|an|his|her|their|its|on|with|about|from|up|out|back|over)\b)|"
    # a time: "Moments after the shooting, one cop put", "Shortly before noon, X said"
    r"(?:Moments|Minutes|Hours|Days|Weeks|Months|Years|Shortly|Soon|Immediately|Just)(?=\s+(?:after|before)\b)|"
    # "Two years after Hamilton first stepped on campus, Ellen Fetter showed up"
    r"(?:(?:Nearly|About|Almost|Only|Just|Some|More\s+than|Less\s+than)\s+)?(?i:an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a\s+few|a\s+couple\s+of|\d+)\s+"
    r"(?:full\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)(?:\s+and\s+a\s+half)?"
    r"(?=\s+(?:after|before)\b))\s")
_LEADER_NOUNS = frozenset({"leader", "dictator", "strongman", "autocrat", "head", "chief", "boss", "ruler"})
# One running for an office: "the presumptive Republican nominee", "the presidential hopeful"
_RUNNING_NOUNS = frozenset({"nominee", "hopeful", "contender", "front-runner", "frontrunner"})
# Heads of descriptions of one person ("a spokesperson", "the duchess", "a drama teacher").
PERSON_DESCRIPTION_HEADS = (ROLE_WORDS - {
    "affairs", "agriculture", "commerce", "culture", "defence", "defense", "development", "economy", "education",
    "employment", "energy", "environment", "finance", "first", "foreign", "former", "health", "homeland", "house",
    "housing", "immigration", "industry", "interior", "internal", "international", "labor", "labour", "majority",
    "minority", "opposition", "public", "security", "senate", "staff", "state", "supreme", "trade", "transport",
    "treasury", "veterans", "vice", "works"}) | EPITHET_NOUNS | _LEADER_NOUNS | frozenset({
    "employee", "official", "officer", "source", "witness", "member", "neighbour", "neighbor", "friend", "relative",
    "spokesman", "spokeswoman", "spokesperson", "staffer", "aide", "adviser", "advisor", "diplomat", "teacher",
    "duchess", "duke", "driver", "suspect", "defendant", "passenger", "pilot", "gunman", "attacker", "accused",
    "plaintiff", "claimant", "prosecutor", "juror", "motorist", "cyclist", "pedestrian", "patient", "customer",
    "caller", "landlord", "tenant"})
# Offices a story's one named person may be called by ("Mr Sunak hinted ... the Prime Minister said"); not the roles
# of the other party in a story of two (a coach and a player, an officer and a suspect, a nurse and a patient)
_OFFICE_HEADS = frozenset({"president", "minister", "premier", "chancellor", "senator", "governor", "mayor",
                           "secretary", "ambassador", "leader", "king", "queen", "prince", "princess", "pope",
                           "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "commissioner",
                           "speaker", "duke", "duchess", "monarch", "mp", "lawmaker", "candidate", "chief",
                           "justice", "admiral", "general"}) | _RUNNING_NOUNS
# Posts a story's one named person may be called by only when the text shows them speaking ("Tom Walsh spoke to
# reporters … the sheriff said"; not "Marcus Hill was charged … the sheriff said", "Bukayo Saka scored … the manager
# said": the other party)
_STAFF_HEADS = frozenset({"chairman", "chairwoman", "chair", "ceo", "executive", "sheriff", "founder", "professor",
                          "economist", "analyst", "inspector", "superintendent", "detective", "manager", "captain",
                          "chief", "commander", "director", "head"})
# A person something is done to, in their sentence: "Hunter Biden was convicted", "Marcus Hill, 31, was arrested"
_DONE_TO = re.compile(r"(?:,[^,.;:!?]{1,40},)?\s+(?:was|were|is|are|has\s+been|had\s+been|have\s+been)\s+"
                      r"(?:\w+ly\s+)?(?!(?:delighted|pleased|determined|keen|eager|expected|joined|welcomed|asked|"
                      r"elected|re-elected|greeted|praised|interviewed|invited|honou?red|sworn|due|set|scheduled|"
                      r"confirmed|thrilled|proud|happy|open|given)\b)"
                      r"(?:[a-z]+ed|[a-z]+en|[a-z]+wn|shot|hit|held|struck|caught|sold|let|cut|sent|"
                      r"kept|found|made|put|beaten|led|brought)\b")  # (not a state: "was delighted", "was keen")
# Nouns of someone related to another ("the mother", "the victim"): a person named in the story is one only when a
# role or an apposition says so ("John Banky, Ben's older brother")
_RELATIONAL_HEADS = frozenset({"son", "daughter", "father", "mother", "dad", "mum", "mom", "husband", "wife",
                               "brother", "sister", "grandfather", "grandmother", "uncle", "aunt", "parent", "victim",
                               "survivor", "nurse", "player", "neighbour", "neighbor", "friend", "teacher", "student",
                               "worker", "owner", "resident", "fan"})
# What makes a description someone new: "The owner of the shop", "The woman, who asked not to be named,"
_QUALIFIED = re.compile(r"\s+of\s+(?:the|a|an|this|that)\b[^,.;:!?]*+(?!,\s+[A-Z])|"
                        r",\s+who\s+(?:did\s+not|didn['\u2019]t|asked\s+not|declined|spoke\s+on\s+condition)")
# A description's object, then a name in apposition: "(The agent) of the player, Jorge Mendes,"
_OF_ANOTHER_NAMED = re.compile(r"(?P<object>\s+(?:of|for|to|with)\s+[^,.;:!?\"\u201c\u201d]{1,60}),\s+"
                               r"(?P<name>[A-Z][\w'\u2019\-]*(?:\s+[A-Z][\w'\u2019\-]*){0,3})")
# Epithets that name a job: another job in a person's role rules them out ("Principal John Marsh" is no "the
# teacher"; "Tesla CEO Elon Musk" may be "the billionaire", "Councillor Jane Smith" "the mother-of-two")
JOB_NOUNS = frozenset({"teacher", "nurse", "doctor", "owner", "worker", "student", "farmer", "driver", "pilot",
                        "pastor", "priest", "presenter", "comedian", "actor", "actress", "singer", "rapper", "musician",
                        "athlete", "player", "striker", "goalkeeper", "swimmer", "runner", "principal"})
# Words that make the word after them in a role another office: a "shadow chancellor" is no "chancellor", a "vice
# president" no "president" (a "deputy prime minister" is still a "minister")
_UNDER_QUALIFIERS = frozenset({"shadow", "deputy", "vice", "assistant", "junior", "under"})
# What people do or are known for, besides jobs: an epithet of one of them is no one's whose role is another
# (not wealth: "Tesla CEO Elon Musk" is "the billionaire", as a president may be)
_TRADE_NOUNS = JOB_NOUNS | {"midfielder", "defender", "winger", "forward", "keeper", "batsman", "batter",
                            "bowler", "quarterback", "pitcher", "engineer", "scientist", "researcher", "author",
                            "writer", "novelist", "filmmaker", "activist", "campaigner"}
_MID_SENTENCE_CAPITAL = re.compile(r"(?:(?<=[a-z0-9,;\u2019'] )|(?<=[,?!]\u201d )|(?<=[,?!]\" ))([A-Z][\w'\u2019\-]*)")
POSSESSIVE = re.compile(r"['\u2019]s$")  # "GOP's", "Biden’s": whose, not who
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_DETERMINERS = _POSSESSIVE_DETERMINERS | {"the", "a", "an", "this", "that"}
_PRONOUN_GENDER: dict[str, Gender] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_SHE_WORD = re.compile(r"\b(?:[Ss]he|her|Her)\b")
_HE_WORD = re.compile(r"\b(?:[Hh]e|him|his|His)\b")

# A lower-case particle opening a surname: "Joseph diGenova"
_PARTICLE_OPENING = r"(?:di|de|da|du|la|le)(?=[A-Z][a-z])"
_WORD = rf"(?:{_PARTICLE_OPENING})?[A-Z][\w'\u2019\-\u2024.]*"
# A run of capitalised words, maybe after an honorific ("Mr. Vilsack", "Tammy Murphy", "Jens Stoltenberg").
# An Arabic surname opening on its article: "Bashar al-Assad", "Hamid el-Tayeb"
_ARTICLED = r"(?:al|el|ad|as|ash|at|az|an|ar)-"
_NAME_RUN = re.compile(rf"(?<![\w\u2024.]){_WORD}(?:(?:\s+(?:(?:de|da|van|von|der|den|al|bin|la|le|du|di|ten|ter|del|"
                       rf"dos)\s+)?|\s-\s)(?:{_ARTICLED})?{_WORD}){{0,6}}")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
# What shows that a lone capitalised word names a person: a speech verb or an apposition after it, maybe past an
# aside in brackets ("Dan (not his real name), a 19-year-old student").
_PERSON_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\))?(?:,\s+(?:who|a|an|the)\b|\s(?:said|says|told|tells|added|adds|"
                           r"asked|wrote|explained|insisted|argued|testified|stressed|warned|noted|tweeted|tweets)\b)")

_SPEECH = r"(?:said|says|told|tells|added|adds|asked|wrote|explained|recalled|admitted|replied)"
_ONE_NAME = r"((?:Mc|Mac|O'|O\u2019|De|Di|La|Le)?[A-Z][a-z]+)"  # "Rae", "LaCalamita", "McPhatter"
_LONE_SPEAKER = re.compile(rf"\b{_ONE_NAME}\s{_SPEECH}\b")
_SAID_LONE = re.compile(rf"\b{_SPEECH}\s{_ONE_NAME}(?=\s*[,.;:!?])")


@dataclass(frozen=True)
class SpeakerName:
    """A speaker phrase read: the name of a person (or the description, or the organisation), its role."""

    name: str  # "John Cornyn", "Geoana", "a senior French official", "The Kremlin", "he"
    role: str | None  # "Texas senator", "NATO's deputy secretary general"
    is_person: bool  # a person's name (not a description, an organisation or a pronoun)
    gender: Gender


def _low(word: str) -> str:
    return word.lower().strip(".,'\u2019\u2024")


# Role words that name no person in the plural ("States with strict gun laws", "Developments in the case")
PLURAL_NO_PERSON = frozenset({
    "state", "house", "senate", "foreign", "defence", "defense", "finance", "interior", "economy", "first", "former",
    "opposition", "supreme", "majority", "minority", "prime", "vice", "affairs", "health", "staff", "commerce",
    "agriculture", "education", "energy", "trade", "transport", "labour", "labor", "treasury", "security",
    "homeland", "veterans", "housing", "environment", "culture", "industry", "employment", "immigration",
    "development", "international", "internal", "public", "works"})


_PLURALS_NO_PERSON = frozenset(w + "s" for w in PLURAL_NO_PERSON)


# Words that link a plural of speakers to what describes it ("Analysts at Morgan Stanley", "Fans of the Chicago Cubs")
_PLURAL_LINKS = frozenset({"at", "of", "for", "from", "in", "on", "with", "to", "by", "near", "inside", "outside",
                           "across", "within", "among", "around", "throughout", "the", "a", "an", "and", "or", "close"})


def speakers_in_plural(word: str) -> bool:
    """Whether a word is people who speak, in the plural ("Prosecutors", "Critics", "Authorities"; not "States")."""
    low = word.lower()
    if not low.endswith("s") or low.endswith("ss") or not low.isalpha() or low in _PLURALS_NO_PERSON:
        return False  # (not a possessive, "Sheriff's Deputy Timothy Brennan"; not "actress", "witness")
    if low in SPEAKER_NOUNS:  # ("authorities", listed in the plural)
        return low not in ORG_NOUNS
    if low in _BACKERS:
        return True  # "Friends of the Earth", "Supporters of the measure", "Neighbors of the suspect"
    singular = {low[:-1]} | ({low[:-2]} if low.endswith("es") else set()) | ({low[:-3] + "y"} if low.endswith("ies")
                                                                             else set())
    return bool(singular & (SPEAKER_NOUNS | ROLE_WORDS | EPITHET_NOUNS)) and low not in ORG_NOUNS


_DOUBLED_ARTICLE = re.compile(r"\b(the|a|an)\s+\1\b", re.IGNORECASE)
_EVEN_BEFORE_NAME = re.compile(r"Even\s+(?=(?P<first>[A-Z][a-z]+)\s+[A-Z])")


# A quote's closing mark opening a speaker phrase ("'' Steele said", "' Mr. Putin said"); not the opening one of a
# title the phrase starts with ("“Today” show host Savannah Guthrie")
_MARK_OPENING = re.compile(r"^\s*(?:''|``|\u201d|[\"'\u2019](?=\s))\s*")


def only_connective(phrase: str) -> bool:
    """Whether a speaker phrase is a sentence's connective or adverb alone ("Meanwhile", "However,"): no one."""
    return bool(phrase.strip(" ,")) and _LEAD.fullmatch(phrase.strip(" ,") + " ") is not None


@lru_cache(maxsize=8192)
def trim_phrase(phrase: str) -> str:
    """The speaker phrase without leading connectives, trailing time or place words and a possessive ("Neil's
    verdict: …" is Neil's)."""
    phrase = _MARK_OPENING.sub("", _SPACED_POSSESSIVE.sub(lambda m: "".join(m.group().split()), phrase))  # a
    # tokenised text's "Ramarley ’ s father" closed up, and no closing mark of the quote before ("'' Steele said")
    phrase = _POSSESSIVE_END.sub("", DATELINE.sub("", phrase.replace("\u2024", ".").strip(" ,;:")))
    phrase = _DOUBLED_ARTICLE.sub(r"\1", phrase)  # "the the congressional report": a typo's article once
    phrase = _SPACED_HYPHEN.sub("-", _LEAD.sub("", phrase))  # "Strauss - Kahn", "the 17 - year - old" (detokenised)
    phrase = _RUN_ON_CONNECTIVE.sub("", phrase)  # "Scope of exceptions But Kempthorne": a subheading run into it
    phrase = _SENTENCE_BEFORE.sub("", phrase)  # "MyFoxHouston.com reports. Officials": the sentence before it
    phrase = _SAYING_BEFORE.sub("", phrase)  # "Chuck Schumer exited saying Trump": the one he quotes
    even = _EVEN_BEFORE_NAME.match(phrase)
    if even is not None and first_name_gender(even.group("first")) != "?":
        phrase = phrase[even.end():]  # "Even Jon Stewart himself": Jon Stewart (not "Even Stevens", "Even Pellerud")
    phrase = _ADVERB_TAIL.sub("", phrase)  # "Holden, meanwhile": no role
    phrase = _PARTICIPLE_TAIL.sub("", phrase)  # "Tlaib, doubling down": what she did, no role
    phrase = _ACCORDING_TAIL.sub("", phrase)  # "Elizabeth, according to a Fox source": who told the writer, no role
    phrase = _CITING_OPENING.sub("", phrase)  # "Echoing Winston Churchill, she": the one cited is not the speaker
    described = _DESCRIBED_NAME.match(phrase) if not is_epithet(phrase) else None  # ("the 19-year-old Croatian")
    if described and not any(_low(w) in ROLE_WORDS | EPITHET_NOUNS | TITLE_NOUNS | _LINKS | _PASSED_ON
                             for w in described.group(1).split()) \
            and any(_is_name_word(w) for w in described.group(2).split()) and \
            _low(described.group(2)) not in _PARTY_MEMBERS:  # ("A senior Tory": a party's member described)
        phrase = described.group(2)  # "A dejected Edwards": the name the adjectives describe (not "a longtime
        # adviser to Trump": his adviser)
    first = phrase.split(" ", 1)[0]
    description = first.lower() in DESCRIPTION_START or first.islower() and first.endswith("s") and \
        first not in _NOT_PLURAL or speakers_in_plural(first)  # "analysts at Boston
    # Consulting Group", "Officials at the agency"
    trimmed = _SPOKEN_WHERE.sub("", _TIME_TAIL.sub("", phrase)) if description else _TAIL.sub("", phrase)
    trimmed = trimmed.strip(" ,")
    return trimmed or phrase


# A connective opening a sentence inside a speaker phrase, after a word in lower case: the sentence before lost its
# full stop ("Scope of exceptions But Kempthorne noted")
_RUN_ON_CONNECTIVE = re.compile(r"^.*[a-z,;]\s+(?:But|And|Yet|However|Meanwhile)\s+(?=[A-Z])")
# A sentence ending inside a speaker phrase on a word in lower case, before a capital: "… reports. Officials"
_SENTENCE_BEFORE = re.compile(r"^.*\b[a-z]{4,}[.!?]\s+(?=[A-Z])")
# A speaker's report of someone else's words inside a speaker phrase, up to the one who said them: "Chuck Schumer
# exited saying Trump (told them …)"
_SAYING_BEFORE = re.compile(r"^.*\b[a-z]+\s+(?:saying|adding|noting|claiming|insisting|arguing|warning)\s+(?=[A-Z])")
_NOT_PLURAL = frozenset({"his", "its", "this", "was", "is", "has", "does", "us", "yes", "thus", "as", "plus"})
# "Neil's", "Neil's verdict" (a speaker's words introduced by what they are): the speaker is the owner.
_POSSESSIVE_END = re.compile(r"(?<=\w)['\u2019]s?(?:\s+(?:verdict|view|take|response|reply|answer|comment|words))?$",
                            re.IGNORECASE)
# Words after a speaker that are no part of it: an adverb set off ("Holden, meanwhile"), and which side or how long
# ("Officials for their part", "Investigators for months")
_ADVERB_TAIL = re.compile(r",\s*(?:meanwhile|however|too|though|instead|also|then|now|in turn|for (?:his|her) part)$|"
                          r"(?<=\w)\s+for\s+(?:(?:his|her|its|their|our)\s+part|"
                          r"(?:months|weeks|years|decades|days)(?:\s+now)?|(?:some|a\s+long)\s+time)$", re.I)
# What the speaker was doing, set off after the name: "Tlaib, doubling down", "Ms. Nuland, reading the latest draft"
# (not a role opening on such a word: "Bob Lee, acting director of …", "Ann Cole, managing editor")
_PARTICIPLE_TAIL = re.compile(r"(?<=\w),\s+(?!(?:acting|leading|ranking|managing|presiding|founding|sitting|outgoing|"
                              r"incoming|governing|ruling|visiting|serving|retiring|reigning|including|according)\b)"
                              r"[a-z]+ing\b(?:\s.*)?$")
# A party and a state after a name: "Rep. Jim McDermott, D-Wash."
# Participles naming someone a speaker cites, echoes or thanks: "Citing John Locke, she recommended" is hers.
CITING_PARTICIPLES = frozenset({"citing", "quoting", "echoing", "invoking", "paraphrasing", "channelling",
                                "channeling", "thanking", "praising", "mocking", "addressing", "blaming"})
_CITING_OPENING = re.compile(rf"^(?i:{'|'.join(sorted(CITING_PARTICIPLES))})\s[^,]{{1,120}},\s+(?=\S)")
_ACCORDING_TAIL = re.compile(r",?\s+according\s+to\s.*$")
_PARTY_STATE = re.compile(r"^[DRI]-[A-Z][\w.\u2024]*$")


# Titles written as one word with a lower-case word inside: "Editor-in-Chief", "Commander-in-Chief"
_HYPHENATED_TITLE = re.compile(r"-(?:in|at|of)-")
# Initials that stand for a place or a body, never for a person's given names
_PLACE_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "L.A.", "N.Y.", "N.J.", "S.F.", "U.A.E."})


def _is_name_word(word: str) -> bool:
    if _PARTY_STATE.match(word):
        return False
    if re.fullmatch(r"(?:[A-Z][.\u2024]){1,3}", word) and word.replace("\u2024", ".") not in _PLACE_INITIALS:
        return True  # initials, "A." of "Walter A. Clyburn Reed", "T.J." of "T.J. DiLeo"; not the article "a"
    low = _low(word)
    if low.endswith(("-based", "-born", "-bred", "-raised")):
        return False  # "New York-based Human Rights Watch", "London-born Raye": the place is no part of the name
    if _HYPHENATED_TITLE.search(low):
        return False  # "Editor-in-Chief Mark Thompson": a title
    acronym = len(word.rstrip(".\u2024")) > 1 and word.replace("-", "").isupper()  # "NATO", not the initial "L."
    return bool(re.match(rf"(?:{_ARTICLED}|{_PARTICLE_OPENING})?[A-Z]", word)) and not acronym and \
        low not in ROLE_WORDS and \
        low not in NOT_NAME and low not in HONORIFICS


def _titled_at_employer(words: list[str]) -> SpeakerName | None:
    """"Marketing Manager at Ocean Florida Abby Dunn": a title, "at" or "of" its employer, then the name; else None."""
    low = [_low(w) for w in words]
    at = next((i for i, w in enumerate(low) if w in ("of", "at") and i > 0 and low[i - 1] in ROLE_WORDS), 0)
    person = _name_closing(words[at + 1:]) if at else []
    if not person:
        return None
    return SpeakerName(" ".join(person), " ".join(words[:len(words) - len(person)]), True, first_name_gender(person[0]))


def _name_closing(words: list[str], known: AbstractSet[str] = frozenset()) -> list[str]:
    """The person's name closing a run of capitalised words that opens on an employer: its last two words, when the
    first of them is a common given name or the text calls the person by either of them alone (``known``, lower
    case: "Abby said"): "Ocean Florida Abby Dunn" is Abby Dunn; "Morgan Stanley Wealth Management", "Human Rights
    Watch Asia" no one; else []."""
    if len(words) < 3 or not all(_is_name_word(w) for w in words):
        return []
    name = words[-2:]
    if any(_low(w) in ORG_WORDS for w in name):
        return []
    return name if first_name_gender(name[0]) != "?" or {_low(w) for w in name} & known else []


def _role_before_name(words: list[str]) -> bool:
    """Whether words end on a lower-case role noun and a name of two words or more ("... deputy director Millicent
    Tidwell"): the name closes a title, not an organisation after a name ("Noor Yafai of Greenpeace")."""
    run = 0
    while run < len(words) and _is_name_word(words[-1 - run]):
        run += 1
    return run >= 2 and run < len(words) and words[-1 - run] in ROLE_WORDS


# A name after one of these is its object, not the speaker: "a lawyer for Sarah Palin" is the lawyer
OBJECT_PREPOSITIONS = frozenset({"for", "at", "in", "of", "from", "to", "with", "near", "on", "by", "about",
                                  "against", "representing"})


# Who speaks for or of someone they name: "a lawyer for former anchor Laurie Dhue", "friends of the couple"
_FOR_SOMEONE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "aide", "aides", "adviser", "advisor", "advisers",
    "advisors", "source", "sources", "staffer", "staffers", "lawyer", "lawyers", "attorney", "attorneys", "counsel",
    "friend", "friends", "ally", "allies", "associate", "associates", "confidant", "confidante", "relative",
    "relatives", "representative", "representatives", "people", "person", "someone", "insider", "insiders"})
_KIN_NOUNS = frozenset({"friend", "friends", "ally", "allies", "associate", "associates", "relative", "relatives",
                        "confidant", "confidante"})


def _speaks_for(words: list[str]) -> bool:
    """Whether the words before a name say someone speaks for, or is close to, that person: a go-between's noun in
    lower case (or opening the phrase in the plural: "Friends close to the Duchess") then "for", "to",
    "representing", "close to", "near" or "around" ("of" after a friend's or relative's noun); not a title's
    ("High Representative for Foreign Affairs Josep Borrell", "Senior Adviser to the President Anita Dunn")."""
    low = [_low(w) for w in words]
    for i, w in enumerate(low[:-1]):
        if w in _FOR_SOMEONE_NOUNS and (words[i].islower() or i == 0 and w.endswith("s")):
            after = low[i + 1:i + 3]
            if after[0] in ("for", "to", "representing", "near", "around") or after[:2] in (["close", "to"],
                                                                                            ["familiar", "with"]) \
                    or w in _KIN_NOUNS and after[0] == "of":
                return True
    return False


_MONTH_SURNAMES = frozenset({"may", "june", "april", "august"})


def month_surname(words: list[str]) -> bool:
    """Whether the last of ``words`` is a month's name borne as a surname: after a common first name or an
    honorific ("Theresa May", "Brian May", "Mrs May"; not "in May", "last May")."""
    if len(words) < 2 or _low(words[-1]) not in _MONTH_SURNAMES or not words[-1][:1].isupper():
        return False
    before = _low(words[-2])
    return first_name_gender(words[-2]) != "?" or before in HONORIFICS or before in HONORIFIC_GENDER


def _month_given_name(words: list[str]) -> bool:
    """Whether words open on a month that is a given name, before a name word ("April Mellody", "June Carter"; not
    "April 5")."""
    return len(words) >= 2 and _low(words[0]) in MONTH_WORDS and words[0][:1].isupper() and \
        first_name_gender(words[0]) != "?" and _is_name_word(words[1])


# A royal's style of address, which names no one by itself ("His Majesty", "Her Royal Highness")
_STYLE = re.compile(r"(?:His|Her|Their)\s+(?:Royal\s+)?(?:Majesty|Majesties|Highness|Highnesses)")


def named_after_kind(phrase: str) -> str | None:
    """The name in a speaker phrase naming an organisation after its kind ("The charity Mind", "the band
    Coldplay", "The campaign group Greenpeace"): no person; else None."""
    raw = phrase.partition(",")[0].split()
    kind = next((i for i in range(1, min(len(raw), 4)) if raw[i][:1].isupper()), 0)
    if kind >= 2 and _low(raw[0]) == "the" and _low(raw[kind - 1]) in _KIND_WORDS and \
            all(w.islower() for w in raw[1:kind]):
        return trim_phrase(" ".join(raw[kind:]))
    return None


@lru_cache(maxsize=8192)
def split_speaker(phrase: str) -> SpeakerName:
    """Name and role of a speaker phrase ("Texas senator John Cornyn on Thursday" -> John Cornyn, Texas senator)."""
    titled = _titled_at_employer(phrase.partition(",")[0].split())
    if titled is not None:  # before trimming, which takes "at Ocean Florida ..." for a place
        return titled
    organisation = named_after_kind(phrase)
    if organisation is not None:
        return SpeakerName(organisation, None, False, "?")
    if _STYLE.fullmatch(phrase.strip()):
        return SpeakerName(phrase.strip(), None, False, "?")  # "His Majesty": a royal's style, as written, no name
    phrase = trim_phrase(phrase)
    head, _, appos = phrase.partition(",")
    letters = _POST_NOMINALS.search(head)
    post_nominal = None
    if letters is not None and head[:letters.start()].strip():  # "Jane Smith MP", "Tom Baird KC": the name, its
        post_nominal, head = letters.group().strip(), head[:letters.start()]  # letters a role
    if _low(appos.strip()) in _PRONOUN_GENDER:
        return split_speaker(appos.strip())  # "South Carolina, he said, was …": he speaks of the state
    words = head.split()
    if not words:
        return SpeakerName(phrase, None, False, "?")
    low = [_low(w) for w in words]
    unnamed = _unnamed(phrase, head, words, low)
    if unnamed is not None:
        return unnamed
    # "Noor Yafai of the global environmental group ...": the name, then its role
    of = next((i for i, w in enumerate(low) if w in ("of", "from", "at") and i > 0 and _is_name_word(words[i - 1])
               and not (i > 1 and low[i - 2] == "the")), len(words))  # (not "the District of Columbia Matthew")
    if of < len(words) and _role_before_name(words[of:]):
        of = len(words)  # "California Department of Alcohol and Drug Program deputy director Millicent Tidwell"
    name_words, tail = words[:of], " ".join(words[of:])
    name_words, generations = _without_generation(name_words)  # "Anthony LaCalamita III", "Donald Trump Jr": read
    generation = "".join(f" {w}" for w in generations)  # without it, and given back to the name (a son is not his
    # father)
    end = len(name_words)
    title_surname = end >= 2 and _low(name_words[end - 1]) in ROLE_WORDS and name_words[end - 1][:1].isupper() and \
        _is_name_word(name_words[end - 2]) and first_name_gender(name_words[end - 2]) != "?" and \
        not is_place_name(name_words[end - 2])  # (not "Georgia
    # Secretary of State", "Virginia Governor": a place's)
    start, gender = _titled_start(name_words, _name_start(name_words, title_surname), end)
    owner = max((i for i in range(start, end - 1) if POSSESSIVE.search(name_words[i])), default=-1)
    if owner >= 0 and gender != "?" and start == owner:
        return SpeakerName(phrase, None, False, "?")  # "Mr. Biden's X": a person's thing (an account), no one
    if owner >= 0 and _low(name_words[owner + 1]) in _PLATFORMS:
        return SpeakerName(phrase, None, False, "?")  # "Elizabeth Snyder's Facebook": her page, no one
    if owner >= 0 and _is_name_word(name_words[owner + 1]):
        start = owner + 1  # "Kraft Food's Susan Davison": the name after its owner, who gives the role
    orgs = [i for i in range(start, end) if _low(name_words[i]) in ORG_WORDS]
    if orgs and end - orgs[-1] > 2 and low[0] not in DESCRIPTION_START:
        start = orgs[-1] + 1  # "Head of School Vicky Fogg": the name after the organisation of the title
    if _for_someone_else(words, name_words, start, end):
        return SpeakerName(phrase, None, False, "?")  # "a lawyer for Sarah Palin", "a spokesman at Scotland Yard",
        # "an aide to Senator John Smith", "friends close to the Duchess": someone else
    second = start - 1 if start >= 1 and _low(name_words[start - 1]) in HONORIFICS else start  # ("and Mr. Wyden")
    if second >= 2 and start < end and _low(name_words[second - 1]) == "and" and \
            _is_name_word(name_words[second - 2]):
        return _two_people(phrase, appos, low, name_words, second, end)
    name = " ".join(name_words[start:end])
    described = low[0] in DESCRIPTION_START and not (end - start >= 2 and start >= 2 and not orgs)
    if start == end or described or _company_co(name_words) or \
            any(_low(w) in ORG_WORDS for w in name_words[start:end - title_surname]) or \
            _low(name_words[end - 1]) in THING_WORDS:
        based = _BASED.match(phrase) if not described else None
        if based is not None and any(_low(w) in ORG_WORDS for w in phrase[based.end():].split()):
            return SpeakerName(phrase[based.end():], based.group().strip(), False, "?")  # "New York-based Human
            # Rights Watch": the organisation, its base its role
        return SpeakerName(phrase, None, False, "?")
    role_words = _without_fronted_phrase([w for i, w in enumerate(name_words[:start]) if _low(w) not in HONORIFICS
                                          and not _styled(name_words, i) and not (i + 1 < start and (
                                              (_low(w), _low(name_words[i + 1])) in _STYLE_PAIRS or
                                              _low(w) == "the" and _styled(name_words, i + 1)))])
    role_words = _after_title(_without_dash(role_words))
    role = " ".join(role_words + ([tail] if tail else [])).strip() or _role_of_apposition(appos)
    if role and role.endswith(("'s", "\u2019s")) and not tail:
        role = role[:-2]
    if role and (_low(role.split()[0]) in ("he", "she", "they", "it", "we", "i") or
                 all(_low(w) in _NO_ROLE_WORDS or not re.search(r"[A-Za-z]{2}", w) for w in role.split())):
        role = None  # "even", "soon", "000", "04.00", "he and": no role
    if post_nominal:  # "Labour MP" before the name, or "MBE, the charity's founder" after it
        role = post_nominal if not role else f"{role} {post_nominal}" if role_words or tail else \
            f"{post_nominal}, {role}"
    return SpeakerName(name.replace("\u2024", ".") + generation, role, True, gender)


# The letters after a name that give an office or an honour, not part of the name: "Jane Smith MP", "Tom Baird KC",
# "Karabo Mohau King’s Counsel (KC)", "Ann Lee MBE"
POST_NOMINAL_LETTERS = r"KC|QC|SC|MP|MSP|MEP|MLA|TD|OBE|CBE|MBE|KBE|DBE|PhD"
_POST_NOMINALS = re.compile(r"(?:\s+(?:(?:King|Queen)['\u2019]s\s+Counsel(?:\s+\((?:KC|QC)\))?|"
                            rf"{POST_NOMINAL_LETTERS}))+\s*$")


# Words that make no role on their own: those no name holds, and adverbs before a name ("even Mr. Slinker says")
_NO_ROLE_WORDS = NOT_NAME | frozenset({"even", "soon", "too", "again", "once", "only", "just"})


# Prepositions opening a time or a place fronted without a comma: "on March 6 Mr Joseph wrote", "In a Bloomberg
# interview Trump declared", "After the game coach John Smith said"
_FRONTED = frozenset({"on", "in", "at", "after", "before", "during", "following", "since", "into", "within", "by",
                      "despite", "unlike", "without"})


def _without_fronted_phrase(role_words: list[str]) -> list[str]:
    """The words before a name without a time or place phrase opening them: of "After the game coach", "coach"; of
    "In a Bloomberg interview", none."""
    if not role_words or _low(role_words[0]) not in _FRONTED:
        return role_words
    return list(itertools.takewhile(lambda w: _low(w) in ROLE_WORDS, role_words[::-1]))[::-1]


def _without_dash(role_words: list[str]) -> list[str]:
    """Role words without a dash in them: after a dateline's place ("CASPER, Wyo. - Sen. Ted Cruz": Sen.), the words
    after it; else without the dash ("A former candidate -- John McCain, who …, said": A former candidate)."""
    dash = max((i for i, w in enumerate(role_words) if w in _DASHES), default=-1)
    if dash < 0:
        return role_words
    place = role_words[dash - 1] if dash else ""
    if place[:1].isupper() and (place.endswith(".") or is_place_name(place)):
        return role_words[dash + 1:]
    return role_words[:dash] + role_words[dash + 1:]


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _after_title(role_words: list[str]) -> list[str]:
    """Role words after a title in quote marks before them ("‘Catching Fire’ Hunger Games director": Hunger Games
    director); a possessive plural's mark is no title's ("Sanders’ spokesman")."""
    ends = [i for i, w in enumerate(role_words) if re.search(r"[^s]['\u2019\u201d\"]$", w)]
    return role_words[ends[-1] + 1:] if ends else role_words


# Where an organisation is based, before its name: "New York-based", "London-based"
_BASED = re.compile(r"(?:[A-Z][\w.'\u2019]*\s+){0,3}[A-Z][\w.'\u2019]*-based\s+")


def _unnamed(phrase: str, head: str, words: list[str], low: list[str]) -> SpeakerName | None:
    """A phrase read before looking for a name in it: a pronoun, whom a speaker cites, a description, speakers
    described in the plural; None for any other phrase."""
    if len(words) == 1 and low[0] in _PRONOUN_GENDER:
        return SpeakerName(low[0], None, False, _PRONOUN_GENDER[low[0]])
    if low[0] in CITING_PARTICIPLES:
        return SpeakerName(phrase, None, False, "?")  # "Citing John Locke": whom the speaker cites, no one
    if low[0] == "the" and is_epithet(head):
        return SpeakerName(head.strip(), None, False, "?")  # "the former Border Patrol agent": a description
    if speakers_in_plural(words[0]) and (len(words) == 1 or words[1].islower()) and not any(
            w.islower() and _low(w) not in _PLURAL_LINKS and not _low(w).endswith(("ing", "ed")) and nxt[:1].isupper()
            for w, nxt in zip(words[1:-1], words[2:], strict=True)):
        return SpeakerName(head.strip(), None, False, "?")  # "Officials at the agency": speakers described, no name
        # (not a name after its role: "Chiefs coach Andy Reid", "Students for Fair Admissions president Edward Blum";
        # nor an organisation's name: "Workers Party leader ...", "Doctors Without Borders")
    return None


# A verb of meeting someone, right before their name: "Tom Hart met Jane Doe", "thanked striker Tom Hart"
_MET_BEFORE = re.compile(r"\b(?:met|meets|meeting|praised|praises|thanked|thanks|joined|joins|hugged|interviewed|"
                         r"visited|visits|called|phoned|congratulated|welcomed|greeted|asked|told|"
                         r"(?:replaced|succeeded)\s+by)\s+(?:(?:[a-z]+\s+){0,2}[A-Z][\w.'\u2019\-]*\s+){0,3}$")
# A conjunction opening a clause whose subject the name after it is, and that clause's verb ("and Jane Doe took over")
_CLAUSE_SUBJECT_BEFORE = re.compile(r"\b(?:and|but|while|whereas|then|before|after|when|until)\s+$")
_VERB_AFTER_NAME = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|took|was|is|has|had|will|would|became|won|left|made|"
                              r"gave|came|went|got|ran|led|spoke|wrote|met|sat|stood|kept|held|said|told)\b")
# An office written by its initials: "the PM said", "the CM said"
_OFFICE_INITIALS = {"PM": ("prime", "minister"), "CM": ("chief", "minister")}
# Styles of honour before a name, no part of it ("Hon. Jane Doe", "The Rt Hon", "Shri Nitin Gadkari", "Datuk Seri
# Anwar Ibrahim", "Tan Sri Muhyiddin Yassin"): alone, or a pair's second word after its first ("Seri" is a name too)
_STYLES = frozenset({"hon", "honourable", "honorable", "rt", "datuk", "dato", "datin", "tun", "shri", "shrimati",
                     "smt", "ntate", "me", "m'e"})  # (Sesotho's "Ntate", "’Me")
_STYLE_PAIRS = frozenset({("tan", "sri"), ("puan", "sri"), ("datuk", "seri"), ("datuk", "sri"), ("dato", "seri"),
                          ("dato", "sri"), ("datin", "seri"), ("datin", "sri"), ("toh", "puan")})


def _styled(name_words: list[str], at: int) -> bool:
    """Whether the word at ``at`` is a style of honour, alone or as a pair's second word."""
    word = _low(name_words[at])
    return word in _STYLES or at >= 1 and (_low(name_words[at - 1]), word) in _STYLE_PAIRS


def _name_start(name_words: list[str], title_surname: bool) -> int:
    """Where the name begins among the words: name words back from the end, with particles between them, up to a
    role word opening the phrase ("Actor Leonardo DiCaprio")."""
    end = len(name_words)
    start = end - 1 if month_surname(name_words) or title_surname else end  # "Theresa May", "Mrs May": a surname,
    # not a month; "Aaron Judge", "Tiffany Justice": a surname after a given name, not a title
    while start > 0:
        particles = start
        while particles > 0 and name_words[particles - 1] in NAME_PARTICLES:
            particles -= 1
        if start < end and particles < start:
            start = particles  # "Bill de Blasio", "Ursula von der Leyen": particles between two names are part of
            continue  # it; "von der Leyen", "Commission President von der Leyen": a surname opening on them
        if _styled(name_words, start - 1):
            break  # "Hon. Jane Doe", "Datuk Seri Anwar Ibrahim": a style, not the name
        if not _is_name_word(name_words[start - 1]) and \
                not (start < end and is_place_name(f"{name_words[start - 1]} {name_words[start]}")) and \
                not (start < end and _month_given_name(name_words[start - 1:start + 1]) and
                     not (start >= 2 and _low(name_words[start - 2]) in _FRONTED)):
            break  # (a word no name holds, unless it opens a place, "New Hampshire Republican", or is a given name,
            # "April Mellody", not "In April Smith")
        if start == 1 and end - start >= 2 and (_low(name_words[0]) in EPITHET_NOUNS or
                                                _low(name_words[0]) in _LEADING_TITLES or
                                                _low(name_words[0]) in SPEAKER_NOUNS and
                                                _low(name_words[0]) not in ORG_WORDS):
            break  # "Actor Leonardo DiCaprio", "Singer Taylor Swift", "Witness Maria Lopez": the first word is the role
        start -= 1
    return start


class _TitledStart(NamedTuple):
    start: int
    gender: Gender


def _titled_start(name_words: list[str], start: int, end: int) -> _TitledStart:
    """The name's start and gender as an honorific or a title before or opening it gives them ("Lady Bunny",
    "First Lady Ann Cole", "Sir Keir")."""
    gender: Gender = "?"
    if start > 0 and _low(name_words[start - 1]) in HONORIFIC_GENDER:
        gender = HONORIFIC_GENDER[_low(name_words[start - 1])]
        if _low(name_words[start - 1]) in ("lord", "lady", "baroness", "sir", "dame") and \
                name_words[start - 1][:1].isupper():
            start -= 1  # "Lady Bunny" (a title of the name), but "first lady Tammy Murphy" (a role)
    if 0 < start < end - 1 and _low(name_words[start]) in ("lady", "gentleman") and \
            _low(name_words[start - 1]) in ("first", "second"):
        start += 1  # "First Lady Ann Cole": the title's word, not the name's
        gender = "f" if _low(name_words[start - 1]) == "lady" else "m"
    if gender == "?" and start < end - 1 and _low(name_words[start]) in HONORIFIC_GENDER:
        gender = HONORIFIC_GENDER[_low(name_words[start])]  # "Sir Keir", "Lord Alli": a title opening the name
    return _TitledStart(start, gender)


def _for_someone_else(words: list[str], name_words: list[str], start: int, end: int) -> bool:
    """Whether the name is whom the phrase's speaker works for or speaks for, after a preposition ("a lawyer for
    Sarah Palin"), past a title and an article before the name ("the widow of Sgt. Tom Harlan", "an aide in the
    office of Governor Gavin Newsom", "the chair of the Federal Reserve")."""
    untitled = start
    while 0 < untitled < end and (name_words[untitled - 1] == "the" or name_words[untitled - 1][:1].isupper() and (
            _low(name_words[untitled - 1]) in HONORIFICS | TITLE_NOUNS | ROLE_WORDS)):
        untitled -= 1
    return bool(0 < start < end and _low(name_words[start - 1]) in OBJECT_PREPOSITIONS or
                _speaks_for(words[:start]) or
                untitled < start and 1 < untitled and _low(name_words[untitled - 1]) in OBJECT_PREPOSITIONS and
                name_words[untitled - 2].islower())  # (a description's noun before it; "Secretary of State Antony
    # Blinken" is a title)


def _two_people(phrase: str, appos: str, low: list[str], name_words: list[str], start: int, end: int
                ) -> SpeakerName:
    """Two names joined by "and" ("said Zadan and Meron", "Laurence Mark and Bill Condon", "Mr. Udall and Mr.
    Wyden"): the two as one speaker, not one with a role; a description or an organisation as written."""
    first = start - 1
    while first > 0 and _is_name_word(name_words[first - 1]):
        first -= 1
    if first > 0 and _low(name_words[first - 1]) in HONORIFICS and _low(name_words[start]) in HONORIFICS:
        first -= 1  # "Mr. Udall and Mr. Wyden": each with the honorific
    if low[0] in DESCRIPTION_START or any(_low(w) in ORG_WORDS for w in name_words[first:end]):
        return SpeakerName(phrase, None, False, "?")  # "a spokesperson for the Universities and Colleges ..."
    role = " ".join(w for w in name_words[:first] if _low(w) not in HONORIFICS) or appos.strip() or None
    return SpeakerName(" ".join(name_words[first:end]), role, False, "?")


def _company_co(words: list[str]) -> bool:
    """Whether a name ends on a company's "Co" ("General Electric Co", "Procter & Gamble Co", "Ford Motor Co."), not
    on the surname Co ("Diane Co", "Representative Zaldy Co"): after "&", or after two capitalised words that are no
    title and no given name."""
    if not words or words[-1].rstrip(".") != "Co":
        return False
    before = words[:-1]
    named = len(before) >= 2 and all(w[:1].isupper() and _low(w) not in _PERSON_TITLES for w in before)
    return "&" in before or named and first_name_gender(before[-1]) == "?" and first_name_gender(before[0]) == "?"


# Title words of a person that are no words of a company's name ("General Electric", "First Solar", "State Street")
_PERSON_TITLES = (ROLE_WORDS | HONORIFICS) - {"general", "first", "state", "public", "international", "security",
                                               "energy", "health", "trade", "industry", "development", "works"}


def _role_of_apposition(appos: str) -> str | None:
    """The role an apposition after a name gives, without an age ("Maria Lopez, 54": none; "Tom Hanks, 67, an
    actor": an actor)."""
    return ", ".join(p.strip() for p in appos.split(",") if p.strip() and not p.strip().isdigit() and
                     not _DOING.match(p.strip())) or None


# An apposition telling what a speaker was doing, no role: "bristling with anger", "responding to my question",
# "excitedly making the machine's sounds", "explaining he worked …" (but "managing director", "acting chief")
_DOING = re.compile(r"(?:[a-z]+ly\s+|half\s+)?[a-z]+ing\s+(?:with|to|over|about|at|in|on|for|from|into|the|a|an|his|"
                    r"her|their|its|my|our|he|she|they|it|that|up|out|down|back|west|east|north|south|himself|"
                    r"herself|themselves)\b")


class UnnamedSubject(NamedTuple):
    """A sentence opening on a person it describes but does not name ("A spokesperson for the union said")."""

    start: int  # where the description starts
    end: int  # where its sentence ends
    para: int
    gender: Gender  # the description's ("the woman": f), "?" when it gives none


@dataclass(frozen=True)
class Mention:
    """A person named in an article, outside its quotes."""

    position: int
    para: int
    name: str  # as written ("Mr. Vilsack" -> "Vilsack")
    role: str | None
    gender: Gender
    subject: bool  # first person named in its sentence
    place: bool = False  # a place's name ("Moscow said"), never a sentence's person subject nor a "he"


# A view handed on to a new voice, by a passive right before a name: "is reflected by", "has been echoed by" (not
# "was praised by", "was treated by": done to the subject, who may speak next)
_PASSIVE_AGENT = re.compile(r"(?:\b(?:is|was|are|were|been|being|be)|(?<=\w)['\u2019]s)\s+(?:[a-z]+ly\s+)?"
                            r"(?:echoed|shared|reflected|voiced|expressed|seconded|mirrored|repeated)\s+by\s+$")
# A sentence opening on someone's thing ("His view is shared by", "Smith's plan was echoed by", "He's") or on "he"
_OWNED_OPENING = re.compile(r"\s*(?:(?:He|She|They)['\u2019]|(?:His|Her|Their|Its|My|Our)\s|"
                            r"(?!(?:It|That|There|What|Here|Who)['\u2019])[A-Z][\w\-]*['\u2019]s\s)")


# A byline alone in its sentence: "By Tom Hart", "By Tom Hart and Bob Lee, Political Editors", "BY TOM HART"
_BYLINE = re.compile(r"\s*(?:By|BY|Written\s+by|Words\s+by|Reporting\s+by)\s+"
                     r"[A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*){0,3}"
                     r"(?:\s*(?:,|and|&)\s*[A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*){0,3})*"
                     r"(?:\s*(?:,|\||\u2013|\u2014|-)\s*[^.!?\n]{1,60})?\s*")


# A full stop inside a run of capitalised words, before the next word: "(John Kerry.) Cowan will serve"
_STOP_IN_RUN = re.compile(r"(?<=[a-z]{2})\.(?=\s+[A-Z])")
# Words written short with a full stop that end no sentence: titles and honorifics ("Gov. Deval Patrick"), a
# generation ("Martin Luther King Jr."), a place's or a number's abbreviation ("St.", "No.")
_ABBREVIATED = frozenset(_TITLE_WORDS) | HONORIFICS | {"jr", "sr", "st", "ft", "mt", "rev", "pres", "hon", "maj", "cpl",
                                                        "pvt", "no", "vs"}


def _ends_sentence(word: str) -> bool:
    """Whether a word written before a full stop ends a sentence there: two lower-case letters at its end and no
    abbreviation ("Kerry." does; "Gov.", "Jr.", the initial "J." do not)."""
    return bool(re.search(r"[a-z]{2}$", word)) and _low(word) not in _ABBREVIATED


def _runs_within_sentences(text: str, run: re.Match) -> list[re.Match]:
    """A run of capitalised words cut where a sentence ends inside it ("John Kerry. Cowan": "John Kerry", "Cowan")."""
    cuts = [m.start() for m in _STOP_IN_RUN.finditer(text, run.start(), run.end())
            if _ends_sentence(text[max(run.start(), text.rfind(" ", run.start(), m.start()) + 1):m.start()])]
    if not cuts:
        return [run]
    parts, start = [], run.start()
    for cut in cuts:
        part = _NAME_RUN.match(text, start, cut)
        if part is not None:
            parts.append(part)
        start = cut + 1 + len(text[cut + 1:]) - len(text[cut + 1:].lstrip())
    last = _NAME_RUN.match(text, start, run.end())
    return parts + ([last] if last is not None else [])


def find_mentions(text: str, spans: list[tuple[int, int, int]], quoted: list[tuple[int, int]]) -> list[Mention]:
    """The people named in ``text`` outside the ``quoted`` spans, sentence by sentence (spans: (para, start, end)).
    A single word counts once the article has named its bearer in full, or after an honorific or a title."""
    found: list[Mention] = []
    known = _speaking_words(text)
    works = _work_titles(text)
    given: set[str] | None = None  # the surnames of names with a common first name, once a place is met
    starts = [qs for qs, _ in quoted]
    for para, s, e in spans:
        first = True
        # "After Consumer Watchdog accused Lara ..., Soller put out": the subject follows the leading clause
        joined = _JOINED_OPENING.match(text, s)  # ("But when the draft was sent to Mr. Petraeus, he": its clause)
        leading = text[joined.end()].upper() + text[joined.end() + 1:e] if joined else text[s:e]
        clause_end = text.find(",", s, e) if SUBORDINATE_START.match(leading) and \
            not _TOPIC_OPENING.match(leading) else -1  # (not "As for Trump, he said": a topic, no clause)
        if (s == 0 or text[s - 1] == "\n") and text[e:e + 1] in ("", "\n") and written_as_title(text[s:e]):
            continue  # "Lindsay Lohan Checks Into Rehab": a title, not a sentence naming people
        if (s == 0 or text[s - 1] == "\n") and _BYLINE.fullmatch(text, s, e):
            continue  # "By Tom Hart, Political Editor": who wrote the article, of whom no "he" or "the minister" speaks
        for m in (part for run in _NAME_RUN.finditer(text, s, e) for part in _runs_within_sentences(text, run)):
            shared = _shared_surname(text, m)
            if shared is not None:  # "Hillary and Bill Clinton": Hillary Clinton, not a lone word
                found.append(Mention(m.start(), para, shared, None, first_name_gender(m.group()), False))
                known.update(_known_by(shared))
                continue
            if _no_name_run(text, s, m, known, works):
                continue
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < quoted[k][1]:
                continue
            lead = _TIMESTAMP.sub("", text[s:m.start()], count=1)  # "09:50 Liberal Democrat leader Ed Davey is"
            lead = DATELINE.sub("", lead, count=1) if first else lead
            ended = list(QUOTE_ENDED.finditer(lead))
            if ended:  # "“… We can’t. ” His barber, Julian Clark, concurred": a new sentence after the quote's end
                lead, first = lead[ended[-1].end():], True
            stop = re.search(r"\b(\w+)\.\s+$", lead) if lead.endswith(" ") else None
            if stop is not None and _ends_sentence(stop.group(1)):
                lead, first = "", True  # "… to replace John Kerry. Cowan will serve": a sentence the splitter missed
            if lead.split()[-1:] and _low(lead.split()[-1]) in _DETERMINERS and \
                    _low(m.group().split()[0]) not in ROLE_WORDS and _low(m.group().split()[0]) not in HONORIFICS and \
                    not (_low(lead.split()[-1]) == "that" and (surname(m.group()) in known or
                                                               first_name_gender(m.group().split()[0]) != "?" or
                                                               _owner_or_subject_in_full(text, m))):
                continue  # "the Black community", "his Love", "its Marine Commandos", "the Transit Corridor": things
                # (but "remembering that Thatcher pulled her punches": a clause's subject, named before; "suggested
                # that Hillary Clinton’s use of email": named in full, and hers)
            if _STATE_AFTER_CITY.match(text, m.end()):
                continue  # "South Bend, Ind., Mayor Pete Buttigieg": a city, its state after it, is no one
            sp = _mention(text, m, known)
            if sp is None:
                continue
            if is_place_name(sp.name):
                if given is None:
                    given = {surname(r.group()) for r in _NAME_RUN.finditer(text)
                             if len(r.group().split()) >= 2 and first_name_gender(r.group().split()[0]) != "?"}
                if " " in sp.name or surname(sp.name) not in given:
                    found.append(Mention(m.start(), para, sp.name, sp.role, sp.gender, False, place=True))
                    continue  # a place ("Moscow said") is no sentence's person subject: "Trump’s Indiana chairman,
                    # Rex Early," (but "Jordan said" after "Michael Jordan" is his)
            spaced = _SPACED_POSSESSIVE.match(text, m.end())  # "Gray \u2019 s": a detokenised "Gray's"
            possessive = m.group().rstrip(".").endswith(("'s", "\u2019s", "s'", "s\u2019")) or spaced is not None
            own = lead  # the lead's own words: those after a quote it holds ("“… They knew,” Lindholm said")
            if k >= 0 and s < quoted[k][1] <= m.start():
                own = _QUOTE_CLOSE.sub("", text[quoted[k][1]:m.start()], count=1)
            opening, restarts = _opening_subject(text, m, sp.name, lead, own,
                                                 spaced.end() if spaced else m.end() if possessive else None)
            first = first or restarts
            if m.start() < clause_end:
                both = _subject_of_both(text, s, m, clause_end)
                found.append(Mention(m.start(), para, sp.name, sp.role, sp.gender, both))
                known.update(_known_by(sp.name))
                continue
            title_after = _TITLE_BEFORE_NAME.match(text, m.end())
            if title_after is not None and {title_after.group("noun"), title_after.group("noun2")} & \
                    (ROLE_WORDS | TITLE_NOUNS | _GO_BETWEEN_NOUNS):
                found.append(Mention(m.start(), para, sp.name, sp.role, sp.gender, False))
                known.update(_known_by(sp.name))
                continue  # "Cruz spokesman Rick Tyler said", "Moore campaign chairman Bill Armistead said": the
                # spokesman, the chairman is the subject, not Cruz or Moore
            speaker = _said_before(lead) and not _CLAUSE_VERB_NEXT.match(text, m.end()) and title_after is None
            # "…, said Shanduke McPhatter, 35, …": the sentence's speaker (not "Tom Baker, 61, said Gary Lane had
            # parked": the object; nor "said Kyiv resident Svitlana Onofryichuk": a modifier of her description)
            found.append(Mention(m.start(), para, sp.name, sp.role, sp.gender,
                                 first and opening or speaker or _main_clause_subject(text, lead, m.end())))
            known.update(_known_by(sp.name))
            first = first and possessive
        _credit_trailing_speaker(found, text, s, e)
    return [mt for mt in found if not _WRITER_CREDIT.match(text, mt.position + len(mt.name)) or
            not _WRITES_BEFORE.search(text, max(0, mt.position - 12), mt.position)]  # ("…, writes Tom Hart.": the
    # article's writer, of whom no "he" after it speaks)


def _owner_or_subject_in_full(text: str, m: re.Match) -> bool:
    """Whether a run of two capitalised words or three, no nationality's, is a possessive or a clause's subject, its
    verb next and its last word no plural's ("that Hillary Clinton’s use", "that Hillary Clinton had used")."""
    words = m.group().split()
    if not 2 <= len(words) <= 3 or _NATIONALITY_WORD.fullmatch(words[0]):
        return False  # (not "that Muslim Americans would")
    return bool(POSSESSIVE.search(words[-1])) or \
        not words[-1].endswith("s") and MAIN_CLAUSE_VERB.match(text, m.end()) is not None


def _known_by(name: str) -> set[str]:
    """The lone words (lower case) that stand for a person once the article names them: the surname, and the given
    name of a name in full that opens on a common first name ("Elizabeth Snyder … ¶ Elizabeth posted a picture")."""
    words = name.split()
    given = {_low(words[0])} if len(words) >= 2 and first_name_gender(words[0]) != "?" else set()
    return {surname(name)} | given


# Two given names sharing the surname after them: "Hillary and Bill Clinton", "architects John and Donald Parkinson"
_COUPLE = re.compile(r"(?<![\w'\u2019.])(?P<given>[A-Z][a-z]+)\s+and\s+(?P<other>[A-Z][a-z]+)\s+"
                     r"(?P<surname>[A-Z][\w'\u2019\-]*[a-z])\b(?![\u2019']s\b)")


def _shared_surname(text: str, m: re.Match) -> str | None:
    """The full name of the first of two people named by their given names and one surname ("Hillary and Bill
    Clinton": "Hillary Clinton"), when the second given name is a common one and the first is no surname the text
    gives anyone (not "Romney and Paul Ryan") nor a place; else None."""
    couple = _COUPLE.match(text, m.start())
    if couple is None or couple.end("given") != m.end() or first_name_gender(couple.group("other")) == "?":
        return None
    given = couple.group("given")
    if is_place_name(given) or _low(given) in NOT_NAME or \
            re.search(rf"\b[A-Z][\w'\u2019\-]*\s+{given}\b(?!\s+and\s+{couple.group('other')})", text):
        return None
    return f"{given} {couple.group('surname')}"


# A US state set off after a city, abbreviated as the AP does, or one it never abbreviates: "South Bend, Ind.,"
_STATE_AFTER_CITY = re.compile(
    r",\s*(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"N[.\u2024]\s?[HJMYCD]|Okla|Ore|Pa|R[.\u2024]\s?I|S[.\u2024]\s?[CD]|Tenn|Vt|Va|Wash|W[.\u2024]\s?Va|Wis|Wyo)[.\u2024],|"
    r",\s*(?:Texas|Ohio|Iowa|Utah|Idaho|Maine|Alaska|Hawaii),")


# A role that is a run for an office, which another office may go with
_CANDIDACY = re.compile(r"\b(?:candidate|hopeful|nominee|contender|challenger)\b", re.IGNORECASE)


# A writer credited at the end of a sentence of the article's own: "Jane Doe has resigned, writes Tom Hart."
_WRITES_BEFORE = re.compile(r",\s+(?:writes|reports)\s+$")
_WRITER_CREDIT = re.compile(r"\s*[.!]?\s*(?:\n|$)")


def _no_name_run(text: str, s: int, m: re.Match, known: set[str], works: set[str]) -> bool:
    """Whether a run of capitalised words in the sentence starting at ``s`` names no one: a work or a thing, a
    possession, a gerund's object, a lone word that cannot be a mention, a description."""
    run = m.group()
    words = run.split()
    if len(words) > 1 and _low(words[0]) in ("the", "a", "an") and \
            _low(words[1]) not in ROLE_WORDS and _low(words[1]) not in HONORIFICS:
        return True  # "The American Pie actress", "The Notorious Bettie Page": a work or a thing
    if _low(words[0]) in _POSSESSIVE_DETERMINERS or POSSESSIVE.sub("", run) in works:
        return True  # "His Black identity": a thing of someone's; "when La La Land came around": a work
    if len(words) > 1 and words[0].endswith("ing") and len(words[0]) > 4 and not text[s:m.start()].strip() \
            and surname(words[0]) not in known and first_name_gender(words[0]) == "?":
        return True  # "Taking Archie outside is his favourite": a gerund's object, not the subject
    if " " not in run and (_low(run) in NOT_NAME or _low(run) in _GROUP_WORDS or
                           surname(run) not in known and not run.endswith(".")
                           and not _PERSON_AFTER.match(text, m.end())):
        return True  # a lone word that cannot be a mention ("The", "In", an unknown surname)
    return bool(_EPITHET_BEFORE.search(text, s, m.start()) and (" " not in run and nationality_forms(run) or (
        (after := _NEXT_WORD.match(text, m.end())) and after.group(1) in EPITHET_NOUNS | ROLE_WORDS)))
    # ("the 19-year-old Croatian", "the former Border Patrol agent": a description, no name)


class _Opening(NamedTuple):
    subject: bool  # the mention may be its sentence's subject: near the start of the sentence or its main clause
    new_sentence: bool  # what comes before it ends a sentence of its own (an aside) or is a topic


def _opening_subject(text: str, m: re.Match, name: str, lead: str, own: str, owned_at: int | None) -> _Opening:
    """Whether a mention opens its sentence as its subject (``lead``: the sentence's words before it, ``own``: those
    after a quote the lead holds, ``owned_at``: where a possessive's noun starts, None for no possessive)."""
    opening = len(re.sub(r"\s+['\u2019]\s*s\b", "'s", lead).split()) <= 3 or \
        lead.rstrip().endswith((",", ",\u201d", ",\"", "?\u201d", "!\u201d")) or _role_prefix(lead) or \
        _appositive_role(lead)
    if _PRONOUN_SUBJECT.match(own) or _described_subject_verb(own) or \
            len(own.split()) >= 2 and _object_of_verb(text, m.start()) and not _ADVERB_BEFORE.search(own):
        opening = False  # "He called Orozco ...", "The senator told Jim Smith", "Police shot Jim Smith":
        # the verb's object (not "Newly elected Jim Smith")
    if re.search(r"\bit\s+(?:was|is)\s+$", lead) and re.match(r"\s+who\s", text[m.end():]):
        opening = True  # "…, it was Katie Boulter who got the ball rolling": a cleft's focus is the subject
    if re.match(r"\s*It\s+(?:was|is)\s[^,;:.!?]{1,100}\sthat\s+(?:(?:Mr|Mrs|Ms|Dr)[.\u2024]?\s+)?$", lead) and \
            MAIN_CLAUSE_VERB.match(text, m.end()):
        opening = True  # "It was during a stop in Ohio that Mr. Santorum described": the clause after the cleft's
    if _PASSIVE_AGENT.search(lead) and not _PRONOUN_SUBJECT.match(own) and not _OWNED_OPENING.match(own):
        opening = True  # "It's a belief that's reflected by Groene, too.": the passive's agent, the first
        # person its sentence names (not "His view is shared by Smith": his, who may speak next)
    owned = (_OWNED_TITLE.match(text, owned_at) or _OWNED_NOUN.match(text, owned_at)) if owned_at is not None \
        else None
    if owned is not None and _low(owned.group("noun")) in _OWNED_PEOPLE:
        opening = False  # "Gray's older sister, Mahnefah Gray, told": the sister, not Gray, is the subject
    if opening and lead.rstrip().endswith(",") and names_the_object(lead, name):
        opening = False  # "The mother of the boy, Liam Cole, said": the boy, maybe, not the subject
    apposed = _OBJECT_APPOSED.search(lead) if opening else None
    if apposed is not None and _VERB_BEFORE.search(lead, 0, apposed.start()) and \
            not lead[:apposed.start()].rstrip().endswith(","):
        opening = False  # "… posing with her mother, Cynthia Germanotta.": the object of a preposition after a verb,
        # named after it (not a fronted phrase's: "In 2010, along with his wife, Smith moved"; nor the subject's own:
        # "The chief executive of the company, Jane Doe, said")
    if _AFTER_ASIDE.search(lead):
        return _Opening(True, True)  # "(“…,” O’Hara told New York.) RuPaul once recorded": a new sentence
    if _TOPIC_OPENING.fullmatch(lead):
        return _Opening(True, True)  # "As for Trump, he said he's not worried": the topic, whom its "he" is
    return _Opening(opening, False)


# A preposition's object before the comma a name in apposition to it follows: "posing with her mother, "
_OBJECT_APPOSED = re.compile(r"\b(?:with|of|to|for|by|from|about|against|beside|alongside)\s+(?:the|a|an|his|her|their|"
                            r"its|our|my|your)\s+(?:[\w\-'\u2019]+\s+){0,3}[\w\-]+,\s*$")
# A verb's form before it: "posing", "smiled", "was"
_VERB_BEFORE = re.compile(r"\b(?:[a-z]{3,}(?:ed|ing)|is|was|were|are|has|had|have|took|met|went|came|sat|stood|spoke|"
                          r"made|got|gave)\b")
# A sentence opening on its topic: "As for Trump, he said"
_TOPIC_OPENING = re.compile(r"\s*As\s+(?:for|to)\s+")
# A sentence's reporting clause at its end: "…, Chief Tom Walsh said.", "…, Smith told reporters on Tuesday."
_TRAILING_SAID = re.compile(r",\s+(?P<spk>(?:[\w.'\u2019\-]+\s+){0,5}?[\w.'\u2019\-]+)\s+(?:said|says|added|adds|"
                            r"told\s+[\w.]+(?:\s+[A-Z][\w.]*){0,2}|explained|wrote|writes)"
                            r"(?:\s+(?:on\s+)?\w+day|\s+in\s+a\s+statement)?\s*[.!]?[\"\u201d\u2019]?\s*$")
# The subject of a main clause after a comma: "In 2010, a year after Square was founded, McKelvey decided",
# "Square has grown, but McKelvey didn't stay" (a name right after the comma, then its verb)
_AFTER_CLAUSE_COMMA = re.compile(r"(?:,|\s[\u2014\u2015]|\s--)\s+(?:(?:but|and|yet|so)\s+)?$")  # (or an aside's
# dash: "Asked about Tlaib's words ― she had vowed to “…” ― Pelosi said")
MAIN_CLAUSE_VERB = re.compile(
    r"\s+(?:(?:also|then|later|still|never|soon|quickly|finally|eventually)\s+)?"
    r"(?:(?:had|has|have|was|were|is|are|would|will|could|should|did|does|do|may|might|must|can)(?:n['\u2019]t)?|"
    r"[a-z]{2,}ed|said|says|told|tells|went|made|took|left|spoke|wrote|gave|got|came|saw|felt|knew|thought|began|"
    r"became|kept|found|held|brought|sent|won|lost|met|led|stood|put|set|paid|ran)\b")


def _main_clause_subject(text: str, lead: str, end: int) -> bool:
    """Whether a name the sentence's ``lead`` does not open is the subject of a main clause: right after a comma
    closing a fronted phrase or a clause, or a spaced dash (and after its "but", "and"), with its verb next."""
    return bool(_AFTER_CLAUSE_COMMA.search(lead)) and MAIN_CLAUSE_VERB.match(text, end) is not None


_SPEAKS_FOR = re.compile(r"\b[a-z][\w\-]*\s+(?:for|of|to|with|at|from|by)\b")
# A verb right after a name: the name is the subject of a clause ("said Gary Lane had parked")
_CLAUSE_VERB_NEXT = re.compile(r"(?:,\s+[^,.;:!?]{1,60},)?\s+(?:had|has|have|was|were|is|are|would|will|could|"
                               r"should|did|does|may|might|must|[a-z]+ed)\b")


def _credit_trailing_speaker(found: list[Mention], text: str, s: int, e: int) -> None:
    """In a sentence whose reporting clause ends it and names a person ("Marcus Hill fired six shots, Chief Tom
    Walsh said."), that person is its subject, not the one the reported words open on: a later "he" is Walsh."""
    trail = _TRAILING_SAID.search(text, s, e)
    if trail is None:
        return
    inside = [i for i, mt in enumerate(found) if trail.start("spk") <= mt.position < trail.end("spk")
              and not _SPEAKS_FOR.search(text, trail.start("spk"), mt.position)]
    # (not "a spokesman for Trump", "for President Trump"; but "Chief of Police Tom Walsh": his title's "of")
    if not inside:
        return
    for i, mt in enumerate(found):
        if s <= mt.position < trail.start("spk") and mt.subject:
            found[i] = dataclasses.replace(mt, subject=False)
    found[inside[0]] = dataclasses.replace(found[inside[0]], subject=True)


def _work_titles(text: str) -> set[str]:
    """The titles of two words or more an article gives a work ("his musical La La Land") with no common first name
    in them: no person wherever they stand ("when La La Land came around, he feared"; but "the film Erin
    Brockovich", and "The film Bigelow showed" is no title of Bigelow)."""
    return {POSSESSIVE.sub("", m.group()) for m in _NAME_RUN.finditer(text) if _work_title(text, m) and
            " " in m.group() and all(first_name_gender(w) == "?" for w in m.group().split())}


def _work_title(text: str, m: re.Match) -> bool:
    """Whether a run of capitalised words is a work's title ("his musical La La Land", "The movie Tommy Boy
    opened", "For the film Norma Rae, she"), not the subject of a clause after a phrase opening the sentence
    ("In the film Tom Hanks plays", "During the show Jimmy Kimmel mocked")."""
    work = _WORK_BEFORE.search(text, max(0, m.start() - 30), m.start())
    return work is not None and not (_PREPOSITION_BEFORE.search(text, max(0, work.start() - 30), work.start()) and
                                     _VERB_NEXT.match(text, m.end()))


# A lower-case word after a name that may be its verb: no determiner or pronoun ("Tom Hanks plays"; not "Tammy Faye
# the makeup took hours", "Ma Rainey's Black Bottom she plays")
_VERB_NEXT = re.compile(r"\s+(?!(?:the|a|an|he|she|they|it|his|her|their|its|we|i|you)\b)[a-z]")


# A possessive written apart by detokenised text: "Gray \u2019 s older sister"
_SPACED_POSSESSIVE = re.compile(r"\s*['\u2019]\s*s\b")
# What a possessive name owns: "'s older sister", "'s lawyer"
# ... the head of a title before a name: "Harcourt Homes' regional managing director, Simon Ferris"
_OWNED_TITLE = re.compile(r"(?:['\u2019]s)?\s+(?:[a-z][\w\-]*\s+){0,3}(?P<noun>[a-z][\w\-]*)(?=\s*,|\s+[A-Z])")
_OWNED_NOUN = re.compile(r"(?:['\u2019]s)?\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z][\w\-]*)\b")
_OWNED_PEOPLE = _SHE_NOUNS | _HE_NOUNS | PERSON_DESCRIPTION_HEADS | frozenset({"lawyer", "attorney", "partner",
                                                                             "fiancee", "fiance", "cousin"})


# Lower-case words that cannot stand in a role written before a name: it is a clause, not a role
_CLAUSE_WORDS = frozenset({"the", "a", "an", "in", "on", "at", "to", "for", "with", "by", "from", "after", "before",
                           "when", "while", "as", "and", "but", "or", "that", "which", "who", "is", "was", "are",
                           "were", "be", "been", "has", "have", "had", "will", "would", "can", "could", "may",
                           "said", "says", "say", "told", "tells", "asked", "met", "saw", "than", "not", "also"})


def _described_subject_verb(lead: str) -> bool:
    """Whether the words before a name are a description and its verb, the name its object ("The judge found")."""
    m = _DESCRIBED_SUBJECT_VERB.match(lead)
    return m is not None and not (m.group("verb") in ROLE_WORDS or m.group("verb") in EPITHET_NOUNS)


def _role_prefix(lead: str) -> bool:
    """Whether the words before a name are a long role written before it, not a clause: "Presumptive Democratic
    White House nominee (Joe Biden) joined": capitalised words and lower-case nouns, no verb or function word."""
    words = lead.split()
    return 4 <= len(words) <= 8 and words[0][:1].isupper() and not SUBORDINATE_START.match(lead) and \
        all(re.fullmatch(r"[A-Z][\w.\-'\u2019]*|[a-z][a-z\-]*", w) for w in words) and \
        not any(w in _CLAUSE_WORDS or w.endswith(("ing", "ed", "ly")) for w in words if w.islower())


def _appositive_role(lead: str) -> bool:
    """Whether the words before a name end on a comma and a role written before it, an apposition of the sentence's
    subject: "Kovač's coach, former Croatian Davis Cup player (Ivan Perić)"."""
    m = re.search(r",\s+((?:\S+\s+){1,7})$", lead)
    return m is not None and all(re.fullmatch(r"[A-Z][\w.\-'\u2019]*|[a-z][a-z\-]*", w) and
                                 not (w.islower() and (w in _CLAUSE_WORDS or w.endswith(("ing", "ed", "ly"))))
                                 for w in m.group(1).split())


# A live blog entry's time before its first sentence: "09:50 ", "10:42 BST - ", "3.15pm: "
_TIMESTAMP = re.compile(r"^\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|BST|UTC|CET|CEST|ET|EST|EDT|PT|PST|PDT)?\s*"
                        r"(?:[-\u2013\u2014:|]\s*)?")
_NEXT_WORD = re.compile(r"\s+([a-z][\w\-]*)")
_EPITHET_BEFORE = re.compile(r"\b[Tt]he\s+(?:[a-z0-9][\w\-]*\s+){0,2}$")
# A dateline opening a story or a sentence, or what is left of it: "MELBOURNE, Jan 25 (Reuters) - ", "ELK CREEK, Okla.
# (AP) — ", "WASHINGTON — ", "Washington (AFP) – ", "- " (not "NASA — which has")
DATELINE = re.compile(r"^\s*(?:(?:[A-Z][A-Z .,'\-]{2,40}(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*(?:\([\w &]{2,20}\))?|"
                      r"[A-Z][\w .,'\-]{2,40}?\s*\([A-Z][\w &]{1,20}\))\s*[-\u2013\u2014]+\s*|"
                      r"[-\u2013\u2014]+\s+)(?=[A-Z])")
# A quote that ends a sentence, then a new one: "“… We can ’ t. ” His barber"
QUOTE_ENDED = re.compile(r"[.!?]\s*[\"\u201d\u2019]\s+(?=[A-Z])")
# A sentence in brackets just ended: "(“…,” Phi Phi O’Hara told New York.) RuPaul"
_AFTER_ASIDE = re.compile(r"[.!?][\"\u201d\u2019]?\)\s*$")
# An attribution put after the words reported: "…, said Shanduke McPhatter", "…, says registered dietitian Amanda
# Miller", "as noted by health writer Hrefna Pálsdóttir"
_SAID_BEFORE = re.compile(r"(?:,[\"\u201d\u2019]?\s+(?:said|says|added|adds|wrote|writes|explained|recalled)|"
                          r"\b(?:as\s+(?:noted|explained|said|stated|reported|told)\s+by|according\s+to))"
                          r"\s+(?P<role>(?:[a-z][\w\-]*\s+){0,3})$")


# Words no lower-case role before a name holds: pronouns and articles ("…, said he backed King")
_NOT_IN_ROLE = frozenset(_PRONOUN_GENDER) | {"they", "it", "we", "i", "you", "their", "its", "our", "that", "the", "a",
                                             "an"}


def _said_before(lead: str) -> bool:
    """Whether a name after ``lead`` is the speaker an attribution after words reported names, maybe past a role
    in lower case ("…, says registered dietitian"), not the object of a clause ("…, said he backed")."""
    m = _SAID_BEFORE.search(lead)
    words = m.group("role").split() if m else []
    return m is not None and not any(w in _NOT_IN_ROLE for w in words) and \
        not (words and words[-1].endswith(("ed", "ly", "ing")))

# "As RuPaul became more popular, he changed": the subject of a leading clause that "he" or "she" takes up
_CLAUSE_SUBJECT = re.compile(r"\s*(?:As|When|While|Since|Although|Though|After|Before|Once)\s+$")


def _subject_of_both(text: str, start: int, m: re.Match, clause_end: int) -> bool:
    """Whether a name in a leading clause is also the subject of the main clause, a "he" or "she" right after the
    comma: the name opening the clause ("As RuPaul became more popular, he changed"), with no "him" or "her" in the
    clause, or the one name of a clause with no pronoun ("But when the draft was sent to Mr. Petraeus, he
    dismissed it")."""
    if _sole_name_of_clause(text, start, m, clause_end):
        return True
    lead = text[start:m.start()] + "".join(w + " " for w in m.group().split()[:1] if _low(w) in NOT_NAME)
    main = re.split(r"[.!?\n]", text[clause_end + 1:clause_end + 300], maxsplit=1)[0]
    return bool(_CLAUSE_SUBJECT.fullmatch(lead)) and \
        (bool(re.match(r",\s+(?:he|she)\s", text[clause_end:clause_end + 6])) or
         not re.search(r"\b(?:[A-Z]\w*|he|she|they|him|her|his|their)\b|[\"\u201c]", main)) and \
        not re.search(r"\b(?:him|her)\b", text[m.end():clause_end])
    # (or a main clause naming no one: "As Mr. Trump approached the podium, rain began to fall.")


def _sole_name_of_clause(text: str, start: int, m: re.Match, clause_end: int) -> bool:
    """Whether a name is the one word with a capital in a leading clause (but its opening words and an honorific
    before it) that holds no pronoun, and a "he" or "she" opens the main clause after it: "But when the final draft
    was sent to Mr. Petraeus, he dismissed them" (not "When Obama called Mr. Petraeus, he")."""
    if not re.match(r",\s+(?:he|she)\s", text[clause_end:clause_end + 6]):
        return False
    joined = _JOINED_OPENING.match(text, start)
    lead = text[joined.end() if joined else start:m.start()].split()[1:]  # (past "But", and "when")
    clause = lead[:-1] if lead[-1:] and _low(lead[-1].rstrip(".")) in HONORIFICS else lead
    rest = text[m.end():clause_end]
    return not any(w[:1].isupper() for w in clause) and not re.search(r"[A-Z]", rest) and \
        not re.search(r"\b(?:he|she|him|her|his|hers|they|them|their)\b", " ".join(lead) + rest, re.IGNORECASE)


# A sentence opening on a conjunction before its leading clause: "But when", "And after"
_JOINED_OPENING = re.compile(r"\s*(?:But|And|Yet|So)\s+(?=[a-z])")
# A sentence whose subject is a pronoun: "He called", "She told"
_ADVERB_BEFORE = re.compile(r"\b[A-Za-z]+ly\s+[a-z]+\s*$")
# A description and its verb before a name: "The judge found Daniel Moss", "The manager left Jack Grealish out",
# "The president praises Elon Musk" (not a description and a noun: "The veteran striker Jamie Vardy", "The defending
# champion Carlos Alcaraz")
_DESCRIBED_SUBJECT_VERB = re.compile(
    r"\s*(?:The|A|An|One)\s+[a-z][\w\-]*\s+(?P<verb>[a-z]{2,}ed|[a-z]{2,}[^s\W]s|told|met|saw|hit|shot|beat|sent|led|"
    r"taught|brought|fought|found|gave|chose|left|kept|made|took|put|held|won|lost|caught|sold|let|cut|paid|struck|"
    r"threw|drew|spent|built|bought|heard|sought|named|set)\s+$")
_QUOTE_CLOSE = re.compile(r"^[\"\u201d\u2019']")
_PRONOUN_SUBJECT = re.compile(r"\s*(?:[\"\u201c(]\s*)?(?:He|She|They|We|I|It)\s+[a-z]")


# People for or against something or someone, in the plural: "Supporters of the measure", "Neighbors of the suspect"
_BACKERS = frozenset({"supporters", "opponents", "backers", "fans", "voters", "members", "followers", "defenders",
                      "friends", "neighbors", "neighbours"})
# Words for groups, capitalised when they open a sentence ("Authorities said"): never one person's name.
_GROUP_WORDS = frozenset({"authorities", "police", "officials", "officers", "witnesses", "residents", "investigators",
                          "prosecutors", "firefighters", "deputies", "protesters", "demonstrators", "students",
                          "workers", "sources", "critics", "analysts", "experts", "scientists", "doctors", "neighbours",
                          "neighbors", "relatives", "friends", "observers", "organisers", "organizers"})


def written_as_title(sentence: str) -> bool:
    """Whether a paragraph of one sentence is written as a title: five words or more, nearly all capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019\-]*", sentence) if w.lower() not in _TITLE_SMALL]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) >= 0.9 * len(words)


_TITLE_SMALL = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or", "by", "as"})


def _speaking_words(text: str) -> set[str]:
    """Lone capitalised words (lower case) the text makes speak ("Rae said", "said Rae") and also writes inside a
    sentence: people known by one name, so that every mention of them counts, before the first "Rae said" too."""
    inside = set(_MID_SENTENCE_CAPITAL.findall(text))
    words = {m.group(1) for m in _LONE_SPEAKER.finditer(text)} | {m.group(1) for m in _SAID_LONE.finditer(text)}
    return {_low(w) for w in words if w in inside and _is_name_word(w) and _low(w) not in ORG_WORDS and
            _low(w) not in _PARTY_MEMBERS}  # ("The Arizona Republican said": a description's head, no one's name)


# Prefixes of ships' names ("INS Mysore", "USS Cole"), prepositions before a place ("In Gyami, ..."), and the
# apposition of a place ("Gyami, a village outside the capital"): a place or a ship, never a person.
_SHIP_PREFIXES = frozenset({"ins", "uss", "usns", "hms", "hmas", "hmcs", "hmnzs", "mv", "ss", "rms", "pns", "frs"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "aboard", "into"})
_PLACE_NOUNS = (r"village|town|city|suburb|district|province|region|state|county|country|island|port|capital|"
                r"neighbou?rhood|settlement|camp|valley|river|ship|vessel|warship|frigate|destroyer|tanker|ferry")
PLACE_APPOSITION = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){{0,3}}?(?:{_PLACE_NOUNS})"
                              r"(?=\s*[,.;:]|\s+(?:of|in|on|near|outside|off|north|south|east|west|where|that|which)\b)")


def _place_or_ship(text: str, m: re.Match) -> bool:
    """Whether a run of capitalised words names a place or a ship: after a prefix of ships' names, after a
    preposition of place (not a possessive: "in Smith's office" names Smith), or with a place's apposition."""
    words = m.group().split()
    before = text[max(0, m.start() - 12):m.start()].split()
    prev = _low(before[-1]) if before else ""
    if _low(words[0]) in _SHIP_PREFIXES or prev in _SHIP_PREFIXES:
        return True
    possessive = bool(POSSESSIVE.search(words[-1].rstrip(".")))
    if " ".join(words).rstrip(".,") in GAZETTEER and before[-1:] and before[-1].endswith(",") and \
            before[-1][:1].isupper():
        return True  # "The mayor of Kandahar, Afghanistan said": the place's country
    return prev in _PLACE_PREPOSITIONS and not possessive or bool(PLACE_APPOSITION.match(text, m.end()))


# The states of the US and the provinces of Canada, as a regex alternation
STATES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
           r"Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
           r"Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|"
           r"North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|"
           r"South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming|"
           r"Alberta|British\s+Columbia|Manitoba|New\s+Brunswick|Newfoundland|Nova\s+Scotia|Ontario|Quebec|"
           r"Saskatchewan")


# Countries, regions and cities news names often: no person's name after another place ("Kandahar, Afghanistan")
GAZETTEER = set("""
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bangladesh Belarus Belgium Bolivia
Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark Egypt
Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India Indonesia Iran Iraq Ireland
Israel Italy Japan Jordan Kazakhstan Kenya Kosovo Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali
Malta Mexico Moldova Mongolia Montenegro Morocco Myanmar Nepal Netherlands Nigeria Norway Pakistan Palestine
Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Serbia Singapore Slovakia Slovenia Somalia Spain
Sudan Sweden Switzerland Syria Taiwan Thailand Tunisia Turkey Uganda Ukraine Uruguay Venezuela Vietnam Yemen
Zambia Zimbabwe England Scotland Wales Europe Africa Asia America Crimea Donbas Donbass Gaza Kashmir Siberia Balkans
Moscow Kyiv Kiev Paris Berlin London Washington Beijing Tokyo Brussels Rome Madrid Warsaw Vienna Minsk Ankara
Istanbul Tehran Baghdad Damascus Cairo Jerusalem Delhi Mumbai Ottawa Toronto Montreal Sydney Canberra Seoul
Pyongyang Taipei Geneva Lisbon Athens Budapest Prague Bucharest Sofia Riga Vilnius Tallinn Helsinki Stockholm
Oslo Copenhagen Dublin Amsterdam Hague Kharkiv Odesa Odessa Lviv Mariupol Donetsk Luhansk Beirut Riyadh Dubai
Doha Kabul Islamabad Manila Jakarta Bangkok Hanoi Sochi Versailles Bregancon Normandy
""".split()) | {"United States", "United Kingdom", "South Africa", "North Korea", "South Korea", "Saudi Arabia",
                "New Zealand", "New York", "Hong Kong", "European Union", "Latin America", "Middle East"}
# A party's member ("a senior Tory", "one prominent Republican")
_PARTY_MEMBERS = frozenset({"democrat", "republican", "tory", "conservative", "liberal", "socialist"})
# Words of a party or a place that may qualify a title ("the Liberal Democrat councillor" of "Cllr Adrian Moss")
_PARTY_OR_PLACE = frozenset({"liberal", "democrat", "democratic", "republican", "labour", "conservative", "tory",
                             "green", "independent", "snp", "reform", "gop"}) | {p.lower() for p in GAZETTEER}
# Words of a title run before a name besides a nationality's ("Swedish qualifier", "fellow Swede", "midfielder")
_TITLE_RUN_WORDS = ROLE_WORDS | EPITHET_NOUNS | _GIVEN_EPITHETS | {"qualifier", "fellow", "former", "veteran",
                                                                   "international", "teenager", "teenage", "young",
                                                                   "world", "champion", "reigning", "defending",
                                                                   "golfer", "rider", "driver", "cyclist", "sprinter",
                                                                   "swimmer", "boxer", "skier", "fly-half", "jockey"}
# A nationality's adjective or demonym ("Swedish", "Swede", "Croatian"), capitalised
_NATIONALITY_WORD = re.compile(r"[A-Z][a-z]+(?:ish|ian|an|ese|i|ic)|Swede|Dane|Finn|Pole|Turk|Greek|Scot|Brit|Briton|"
                               r"Spaniard|Croat|Serb|Czech|Swiss|Thai|Filipino|Argentine|Dutch|French|Welsh|Irish")
# Places' names, lower-case: a team's or a city's before a title ("Ireland manager", "Rome's mayor"), a
# country's possessive before a name ("Poland's Iga Swiatek")
_PLACES = frozenset(p.lower() for p in GAZETTEER)


def is_place_name(name: str) -> bool:
    """Whether a capitalised name is a place of the gazetteer, a US state or a Canadian province."""
    return name in GAZETTEER or re.fullmatch(STATES, name) is not None


def _title_run(words: list[str]) -> list[str]:
    """The words, lower-case, of the title run ending ``words``: title nouns and nationality words, back to anything
    else (a verb, "Dutch fans jeered"; an organisation's, a team's or a city's name, "Spanish giants Real Madrid
    coach", "Ireland manager", "Rome's mayor")."""
    run = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        low = POSSESSIVE.sub("", _low(w))
        if w[-1:] in ",.;:!?\"\u201c\u201d()" or POSSESSIVE.search(w) or low in _PLACES or \
                low not in _TITLE_RUN_WORDS and low not in TITLE_NOUNS and not _NATIONALITY_WORD.fullmatch(w) or \
                low in _PARTICLES and i > 0 and _low(words[i - 1]) in _PARTICLE_VERBS:
            break  # (nor "put forward Kieran Trippier": an adverb)
        run.append(low)
    return run


# A place's possessive before a full name: "Sweden's Elias Ymer"
_COUNTRY_BEFORE_NAME = re.compile(r"\b([A-Z][\w\-]+(?:['\u2019]s|s['\u2019]))\s+[A-Z][\w\-]+\s+"
                                  r"(?:(?:de|van|von|der|den|da|del|della|di|du|dos|le|la|bin|ibn|al|el)\s+)*[A-Z]")
# A capitalised word alone, no capitalised word after it: a one-word name ("Rodri"), or a thing's
_LONE_CAPITALISED = re.compile(r"(?<=\s)[A-Z][\w'\u2019\-]+\b(?!\s+[A-Z])")
# Words that end the noun phrase opening an apposition: "a Dane (in charge of the Swedish team)"
_PHRASE_ENDS = frozenset({"of", "from", "in", "at", "for", "with", "on", "to", "by", "who", "whose", "which", "that",
                          "and", "or", "but", "after", "since", "until", "when", "while", "as", "like"})
# Title nouns that are also adverbs after a verb: "put forward", "brought back"
_PARTICLES = frozenset({"forward", "back"})
_PARTICLE_VERBS = frozenset({"put", "puts", "putting", "bring", "brings", "brought", "bringing", "come", "came",
                             "comes", "coming", "step", "steps", "stepped", "stepping", "move", "moved", "moving",
                             "push", "pushed", "pushing", "send", "sent", "go", "went", "going", "set", "pull",
                             "pulled", "hold", "held", "look", "looked", "looking", "fight", "fought", "hit", "call",
                             "calls", "called", "bounce", "bounced", "get", "got", "welcome", "welcomed", "win", "won",
                             "fall", "fell", "fallen"})


class _Given(NamedTuple):
    words: frozenset[str]  # the words given a person at one mention
    heads: frozenset[str]  # of them, the heads of its title run, roles and apposition ("quarterback", not "agent")
    context: frozenset[str]  # every word of the apposition, for an epithet's qualifiers ("a Republican from Wisconsin")
    states: tuple[str, ...]  # the state of a party label ("Ore." of "D-Ore.")


def _state_abbreviates(label: str, state: str) -> bool:
    """Whether a party label's state ("Ore.", "Conn.", "Ky.", "N.Y.", "Texas") may stand for a state's name
    ("oregon"); a label it does not know contradicts nothing."""
    key = re.sub(r"[^a-z]", "", label.lower())
    name = _STATE_LABELS.get(key)
    return name is None or name == state or not any(state == s for s in _STATE_LABELS.values())


_STATE_LABELS = {  # AP's abbreviations and the postal codes of the US states
    "ala": "alabama", "al": "alabama", "alaska": "alaska", "ak": "alaska", "ariz": "arizona", "az": "arizona",
    "ark": "arkansas", "ar": "arkansas", "calif": "california", "ca": "california", "colo": "colorado",
    "co": "colorado", "conn": "connecticut", "ct": "connecticut", "del": "delaware", "de": "delaware",
    "fla": "florida", "fl": "florida", "ga": "georgia", "hawaii": "hawaii", "hi": "hawaii", "idaho": "idaho",
    "id": "idaho", "ill": "illinois", "il": "illinois", "ind": "indiana", "in": "indiana", "iowa": "iowa",
    "ia": "iowa", "kan": "kansas", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "maine": "maine",
    "me": "maine", "md": "maryland", "mass": "massachusetts", "ma": "massachusetts", "mich": "michigan",
    "mi": "michigan", "minn": "minnesota", "mn": "minnesota", "miss": "mississippi", "ms": "mississippi",
    "mo": "missouri", "mont": "montana", "mt": "montana", "neb": "nebraska", "ne": "nebraska", "nev": "nevada",
    "nv": "nevada", "nh": "new hampshire", "nj": "new jersey", "nm": "new mexico", "ny": "new york",
    "nc": "north carolina", "nd": "north dakota", "ohio": "ohio", "oh": "ohio", "okla": "oklahoma",
    "ok": "oklahoma", "ore": "oregon", "or": "oregon", "pa": "pennsylvania", "ri": "rhode island",
    "sc": "south carolina", "sd": "south dakota", "tenn": "tennessee", "tn": "tennessee", "texas": "texas",
    "tex": "texas", "tx": "texas", "utah": "utah", "ut": "utah", "vt": "vermont", "va": "virginia",
    "wash": "washington", "wa": "washington", "wva": "west virginia", "wv": "west virginia", "wis": "wisconsin",
    "wi": "wisconsin", "wyo": "wyoming", "wy": "wyoming"}


# Lower-case words of a title that ROLE_WORDS does not hold ("Republican presidential nominee Donald Trump")
TITLE_NOUNS = frozenset({"nominee", "front-runner", "frontrunner", "hopeful", "strategist", "adviser", "advisor",
                         "presidential"})
_DATELINE = re.compile(r"[A-Z]{3,}(?:\s[A-Z]{3,})?\s?[-\u2013\u2014]\s?(?=[A-Z][a-z])")


# Last words of a show's or a medium's name, never a person's ("Jimmy Kimmel Live host Jimmy Kimmel")
_SHOW_WORDS = frozenset({"live", "show", "tonight", "today", "news", "podcast", "hour", "weekly", "daily"})
# Nouns of a title that make a capitalised run before them its modifier ("Dragons’ Den star Peter Jones")
_TITLE_AFTER_NOUNS = ROLE_WORDS | TITLE_NOUNS | EPITHET_NOUNS | {"host", "co-host", "anchor", "creator", "showrunner",
                                                                  "contestant"}
# A title's noun between a capitalised modifier and a name: "Former Pennsylvania governor Ed Rendell", "Presumptive
# Democrat nominee Hillary Clinton"
_TITLE_BEFORE_NAME = re.compile(r"\s+(?P<noun>[a-z][a-z\-]+)(?:\s+(?P<noun2>[a-z][a-z\-]+))?\s+[A-Z]")


# An organisation's noun and "of" before a name: "Department of Aviation", "University of the Arts"
_ORGANISATION_OF = re.compile(r"\b(?P<head>[A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?$")  # ("Centers for Disease Control")


def _mention(text: str, m: re.Match, known: set[str]) -> SpeakerName | None:
    if (text[m.end():m.end() + 20].split() or [""])[0].rstrip(",.;:") in _EVENT_NOUNS and " " in m.group() and \
            not any(first_name_gender(w) != "?" for w in m.group().split()):
        return None  # "its annual Camp Strava event": an event's name (but "the Sanders campaign", "the Bernie
        # Sanders event" name him)
    if _work_title(text, m):
        return None
    if re.search(rf"\b[Tt]he\s+(?:{_KIND_WORD_ALT})\s+$", text[max(0, m.start() - 30):m.start()]) and \
            not any(first_name_gender(w) != "?" for w in m.group().split()[:-1]):
        return None  # "The charity Mind said", "the band Coldplay": an organisation named after its kind
    org = _ORGANISATION_OF.search(text, max(0, m.start() - 40), m.start())
    if org is not None and _low(org.group("head")).removesuffix("s") in ORG_WORDS and \
            not re.search(r"['\u2019]s\b", m.group()) and \
            not any(first_name_gender(w) != "?" or _low(w) in ROLE_WORDS for w in m.group().split()):
        return None  # "The Chicago Department of Aviation said": the rest of an organisation's name (but "The Bank
        # of England's Huw Pill")
    employer = text[max(0, m.start() - 40):m.start()].split()[-2:]
    closing = _name_closing(m.group().rstrip(".").split(), known) if len(employer) == 2 and \
        _low(employer[1]) in ("at", "of") and _low(employer[0]) in ROLE_WORDS else []
    if not closing and _place_or_ship(text, m):
        return None
    title_after = _TITLE_BEFORE_NAME.match(text, m.end())
    if title_after is not None and title_after.group("noun") in _TITLE_AFTER_NOUNS and \
            (not any(first_name_gender(w) != "?" for w in m.group().split()) or
             _low(m.group().split()[-1]) in _SHOW_WORDS) and surname(m.group()) not in known:
        return None  # "Former Pennsylvania governor Ed Rendell", "Dragons’ Den star Peter Jones", "Jimmy Kimmel Live
        # host Jimmy Kimmel": a modifier of the title, not a person (but "Ted Cruz spokesman Rick Tyler" names Cruz)
    words = m.group().rstrip(".").split()
    former = _low(words[0]) == "former"
    while words and _low(words[0]) in NOT_NAME and not (len(words) > 2 and is_place_name(" ".join(words[:2]))) and \
            not _month_given_name(words):
        words = words[1:]  # (but "New York City Councilman Jumaane Williams": a place in his role; "April Mellody")
    dateline = _DATELINE.match(" ".join(words))
    if dateline is not None:  # "CHICAGO - Rahm Emanuel may have thought", "ROME-Bernie Sanders": a dateline's place
        words = " ".join(words)[dateline.end():].split()
    if not words:
        return None
    words[-1] = POSSESSIVE.sub("", words[-1])
    before = text[max(0, m.start() - 12):m.start()].split()
    prev = _low(before[-1]) if before else ""
    if prev in HONORIFIC_GENDER or prev in HONORIFICS:
        words = [before[-1], *words]
    particles = list(itertools.takewhile(lambda w: w in NAME_PARTICLES, reversed(before)))
    if particles and len(particles) < len(before) and not before[-len(particles) - 1][:1].isupper() and \
            _low(before[-len(particles) - 1]) not in _DETERMINERS:
        words = [*reversed(particles), *words]  # "“…,” de Blasio said": the particles open the surname
    if closing:  # "Manager at Ocean Florida Abby Dunn": Abby Dunn, not a place
        words = closing
    if len(words) == 2 and POSSESSIVE.search(words[0]) and _low(words[1]) not in ROLE_WORDS and \
            POSSESSIVE.sub("", _low(words[0])) in ROLE_WORDS | EPITHET_NOUNS | {"women", "men", "children", "people"}:
        return None  # "Woman’s Weekly", "Men’s Health": a thing's name, no one of whom "she said"
    sp = split_speaker(" ".join(words))
    if not sp.is_person or " " not in sp.name and _low(sp.name) in _PLATFORMS - {"x", "truth"}:
        return None  # ("Taking to Instagram, the star wrote": no one named)
    if (former or prev == "former") and sp.role is not None and not _low(sp.role.split()[0]) == "former":
        sp = SpeakerName(sp.name, f"former {sp.role}", True, sp.gender)  # "former House Speaker Kevin McCarthy": no
        # "the speaker" now
    if sp.role is None and prev in ROLE_WORDS and before[-1].isalpha() and before[-1].islower():
        sp = SpeakerName(sp.name, _lower_case_role(text, text.rfind(before[-1], 0, m.start()), before[-1]), True,
                         sp.gender)  # "Hunger Games director Gary Ross", "Democratic pollster Stan Greenberg"
    apposed = _ROLE_APPOSED.match(text, m.end()) if sp.role is None else None
    if apposed is not None and _low(apposed.group("head")) in ROLE_WORDS:
        sp = SpeakerName(sp.name, apposed.group("role"), True, sp.gender)  # "Bob Lee, the governor, met": a later
        # "the governor" may be him
    office = _OFFICE_OF.search(text, max(0, m.start() - 60), m.start())
    if office is not None and sp.role is not None and sp.role.split()[0][:1].isupper():
        sp = SpeakerName(sp.name, f"{office.group().strip()} {sp.role}", True, sp.gender)  # "Former Secretary of
        # State Hillary Clinton": the office, not "State"
    if " " not in sp.name and len(sp.name) > 2 and _low(sp.name) in _STATE_LABELS and \
            re.search(r"[A-Z][\w.\u2024]*,\s*$", text[max(0, m.start() - 30):m.start()]):
        return None  # "the sheriff of Deuel County, Neb., who said": a state after its place, no one
    titled = prev in HONORIFICS or prev in HONORIFIC_GENDER or sp.role is not None or sp.gender != "?"
    speaking = bool(_PERSON_AFTER.match(text, m.end()))
    return sp if len(sp.name.split()) >= 2 or titled or speaking or surname(sp.name) in known else None


# A role in apposition right after a name: ", the governor,", ", a former mayor of Leeds."
_ROLE_APPOSED = re.compile(r",\s+(?P<role>(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?(?P<head>[a-z][\w\-]*)"
                           r"(?:\s+of\s+[^,.;:!?\"\u201c\u201d]{1,40})?)(?<![A-Z])\s*(?:,(?!\s*[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?,)|"
                           r"[.;](?=\s|$))")
# (not "the finance, economic development … member": a list; nor "of the A.F.L.-C.I.O.": an abbreviation's stop)


def _lower_case_role(text: str, at: int, noun: str) -> str:
    """The role a role noun in lower case at ``at`` gives the name after it, with the office of a place before it
    ("secretary of state") or the capitalised words qualifying it ("Democratic pollster", "Bank of Canada governor";
    not a headline in capitals nor a title in quote marks before them)."""
    office = _OFFICE_OF.search(text, max(0, at - 60), at)
    if office is not None:
        return f"{office.group()}{noun}"
    qualifier = _ROLE_QUALIFIER.search(text, max(0, at - 60), at)
    words = qualifier.group().split() if qualifier is not None else []
    shouted = [i for i in range(1, len(words)) if words[i - 1].isupper() and words[i].isupper()]
    words = _after_title(words[shouted[-1] + 1:] if shouted else words)  # ("GOING HOME TO DIE Political analyst")
    while words and _low(words[0]) in NOT_NAME and not is_place_name(" ".join(words[:2])):
        words = words[1:]  # ("The pollster Ann Selzer": no qualifier; but "New York attorney")
    return " ".join([*words, noun])


_PRONOUN = re.compile(r"\b(he|she)\b", re.I)
# Capitalised words qualifying a role noun in lower case right after them: "Democratic (pollster)", "Hunger Games
# (director)"
_ROLE_QUALIFIER = re.compile(r"(?<![\w.])(?:[A-Z][\w&'\u2019\-]*\s+(?:of\s+(?:the\s+)?)?){1,6}$")
# An office whose name goes on after "of" before a name: "(Former) Secretary of (State Hillary Clinton)", "secretary
# of (state Colin Powell)"
_OFFICE_OF = re.compile(r"(?:(?:Former|former|Deputy|Acting|Assistant|Under)\s+)?(?i:Secretary|Minister|Chief|Director|"
                        r"Chancellor|Attorney|Head|Commissioner|Governor)\s+of\s+(?:the\s+)?$")
# The "he" or "she" of what the subject of a sentence said, past names in a clause between: "X, ..., said he"
_REPORTED_PRONOUN = re.compile(r"\b(?:said|says|added|told\s+(?![A-Z])\w+|insisted|argued)\s+(?:that\s+)?(he|she)\b")
# Someone named as told something, between a subject and a "he" or "she" that may be theirs: "Giuliani told Murdoch
# she would likely divorce"
_TOLD_NAMED = re.compile(r"\b(?:told|tells|asked|asks|warned|warns|informed|assured|reminded|promised)\s+"
                         r"(?:Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?[A-Z][\w'\u2019\-]+")


# A person described as the subject of what a subject said, between them and a "he" or "she" that may be the
# described one's: "said the former secretary of state expected", "said that the senator had"
_REPORTED_DESCRIBED = re.compile(r"\b(?:said|says|added|adds|insisted|argued|noted|claimed|believes|believed)\s+"
                                 r"(?:that\s+)?the\s+(?P<words>(?:(?!of\b)[a-z][\w\-]*\s*){1,3})")
# Role words that name a person, not only qualify a role ("former", "deputy")
_PERSON_ROLE_WORDS = ROLE_WORDS - {"former", "deputy"}


# A verb bidding someone do something, right before the one bidden: "urged that (he read)", "demanded that (she)"
_BIDS_THAT = re.compile(r"\b(?:urged|urges|asked|asks|demanded|demands|requested|requests|recommended|recommends|"
                        r"proposed|proposes|begged|begs)\s+that\s+$")
# A relative clause on a subject that names someone else before a "he" or "she" not reporting speech.
_OTHER_IN_CLAUSE = re.compile(r",\s+who\s+[^,.;]*?\b(?:the|a|an|his|her|their)\s+[a-z][^,.;]*?"
                              r"(?<!\bsaid)(?<!\bsays)(?<!\bthinks)(?<!\bbelieves)(?<!\bthat)\s+$")


_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019]?\s+[\"\u201c]?[A-Z]")


def _sentence_breaks(text: str, start: int, end: int) -> list[re.Match]:
    """Where sentences end and the next begin between ``start`` and ``end``: not at the full stop of an
    abbreviation or an initial ("Mr. Christie", "Gov. Bob Lee", "John F. Kennedy")."""
    return [b for b in _SENTENCE_BREAK.finditer(text, start, end)
            if text[b.start()] != "." or _ends_sentence(text[text.rfind(" ", 0, b.start()) + 1:b.start()].rstrip(
                "\"\u201d\u2019')"))]


_INTRODUCED = re.compile(r",\s+(?:who|a|an|the)\s")
_PRONOUN_OPENING = re.compile(r"(?:He|She|His|Her|They|Their)\b")


def _genders_by_pronoun(mentions: list[Mention], text: str, key_of: Callable[[str], str]) -> dict[str, Gender]:
    """Gender of people from the "he" or "she" that first follows them as subjects, when no other person is
    named in between ("Rae said she ..." -> f) or only in a clause before the verb whose reported speech it opens
    ("Snider, who met King, said he ..."): the one most of their mentions give (none on a tie)."""
    votes: dict[str, Counter[Gender]] = {}
    for i, mt in enumerate(mentions):
        if not mt.subject:
            continue
        end = mentions[i + 1].position if i + 1 < len(mentions) else len(text)
        m = _PRONOUN.search(text, mt.position + len(mt.name), min(end, mt.position + 300))
        if m is not None and _OTHER_IN_CLAUSE.match(text, mt.position + len(mt.name), m.start()):
            m = None  # "Chela Ortiz, who married the deputy weeks before he was murdered": the deputy's "he"
        if m is not None and _BIDS_THAT.search(text, mt.position + len(mt.name), m.start()):
            continue  # "Clinton urged that he read the report": the one urged, not Clinton
        if m is not None and _TOLD_NAMED.search(text, mt.position + len(mt.name), m.start()):
            continue  # "Giuliani told Murdoch she would likely divorce": maybe the one told about, not Giuliani
        if m is not None and any(set(d.group("words").split()) & _PERSON_ROLE_WORDS for d in
                                 _REPORTED_DESCRIBED.finditer(text, mt.position + len(mt.name), m.start())):
            continue  # "Nick Merrill, a Clinton spokesman, said the former secretary of state expected that emails
            # … which she sent": the secretary's "she", not Merrill's
        if m is None:  # "Snider, who attended King's news conference, said he backed King": the subject's "he"
            after = next((o.position for o in mentions[i + 1:] if o.subject), len(text))
            m = _REPORTED_PRONOUN.search(text, mt.position + len(mt.name), min(after, mt.position + 300))
        if m:
            votes.setdefault(key_of(mt.name), Counter())[_PRONOUN_GENDER[m.group(1).lower()]] += 1
    found: dict[str, Gender] = {}
    for key, count in votes.items():
        (top, n), *rest = count.most_common()
        if not rest or rest[0][1] < n:
            found[key] = top
    return found


def _cuts(text: str, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The text cut at the quoted spans: (outside, quoted, outside, ..., outside) as (start, end) pairs."""
    cuts, at = [], 0
    for a, b in sorted(quoted):
        if a < at:
            continue
        cuts += [(at, a), (a, b)]
        at = b
    return cuts + [(at, len(text))]


def _employers(mentions: list[Mention]) -> set[str]:
    """Lone words (lower case) the article writes as a person's employer before their role ("Microsoft" of
    "Microsoft President Brad Smith"): an organisation, which a "he" never stands for; not a word that is also the
    surname of someone named in full ("Obama spokesman Josh Earnest" after "Barack Obama")."""
    employers = {_low(words[0]) for mt in mentions if mt.role and len(words := mt.role.split()) >= 2 and
                 words[0][:1].isupper() and _low(words[0]) not in ROLE_WORDS and _low(words[1]) in ROLE_WORDS}
    return employers - {surname(mt.name) for mt in mentions if len(mt.name.split()) >= 2}


# Nouns for one who speaks for or about others, or an office no one named holds: a description by one of them is
# never the person named nearby by default ("“…,” the prime minister's spokesman said", "the pope told reporters")
_GO_BETWEEN_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officials", "member", "aide",
                               "aides", "adviser", "advisor", "source", "sources", "staffer", "insider", "strategist",
                               "operative", "judge", "pope", "lawyer", "attorney", "lawmaker", "pontiff"})


_PREPOSITIONS = frozenset({"by", "from", "with", "to", "for", "about", "against", "at", "toward", "towards",
                           "than", "like", "over", "on", "of"})
_OWNER_RUN = re.compile(r"(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*['\u2019]s?\s")
_SPEAKS = re.compile(r"\b(?:said|says|told|tells|added|adds)\b")
# A person shown speaking: "Tom Walsh spoke to reporters", "Mr Sunak hinted", "Johnson proclaimed"
_SHOWN_SPEAKING = re.compile(r"\b(?:said|says|saying|told|tells|added|adds|sp[eo]ke|speaks|speaking|spoken|hinted|"
                            r"hints|insisted|insists|announced|announces|proclaimed|declared|stated|explained|warned|"
                            r"argued|wrote|writes|tweeted|posted|answered|replied|responded|testified|addressed|"
                            r"interview|news conference|press conference|statement|briefing|rally|speech|remarks)\b")
_SENTENCE_END_BETWEEN = re.compile(r"[.!?][\"\u201d\u2019]?\s|\n")
# A sentence opening on the question put to its subject: "Asked again whether he would …, he said"
_ASKED_OPENING = re.compile(r"\s*(?:Asked|Pressed|Questioned|Quizzed|Challenged)\b")


# Where people post: never a person ("Elizabeth Snyder's Facebook post")
_PLATFORMS = frozenset({"facebook", "twitter", "instagram", "tiktok", "youtube", "snapchat", "linkedin", "reddit",
                        "telegram", "whatsapp", "threads", "substack", "bluesky", "truth", "x"})
# A preposition opening its sentence, after a dateline's dash, a closing quote or an adverb ("LONDON (Reuters) - In
# the film", "Later in the show"): "Production resumed on the series Ted Lasso" keeps the title
_PREPOSITION_BEFORE = re.compile(r"(?:^|[.!?][\"\u201d\u2019]?\s+|\n|[\u2014\u2013\-]\s+)"
                                 r"(?:(?:Later|Earlier|Then|Also|But|And|So|Yet|Elsewhere)\s+)?"
                                 r"(?:[Ii]n|[Oo]n|[Aa]t|[Dd]uring|[Aa]fter|[Bb]efore|[Tt]hroughout|[Ff]or)\s+$")
# A name right after a verb in the past tense: its object ("which killed John Smith")
_AFTER_VERB = re.compile(r"(?:\b(?P<before>\w+)\s+)?\b(?!(?:talented|celebrated|married|renowned|famed|beloved|"
                         r"acclaimed|decorated|embattled|disgraced|storied|bearded|red)\s)"
                         r"(?P<verb>[a-z]{2,}ed|told|met|saw|hit|shot|beat|sent|led|taught|brought|fought)\s+$")
# A noun right before "named" or "called", after its determiner ("a 43-year-old named Wade Bassi", "the man
# named", "someone called")
_NAMED_A = re.compile(r"(?:\b(?P<someone>someone|somebody)|\b(?P<det>a|an|one|the|his|her|their|this|that)\s+"
                      r"(?:[\w\-]+\s+){0,2}?(?P<noun>[\w\-]+))\s+(?:named|called|dubbed|nicknamed)\s+$",
                      re.IGNORECASE)
# Nouns of someone whom "the … named" names ("the man named Wade Bassi"; "The officer named John Smith as the
# suspect" names an object)
_NAMED_AFTER = frozenset({"man", "woman", "boy", "girl", "person", "guy", "fellow", "child", "kid", "friend"})
# Nouns before "named" that are no one named so: a time, or who or what names others ("A coroner on Friday named",
# "A lawsuit filed Monday named", "A statement from police named")
_NAMING_NOUNS = frozenset({"coroner", "inquest", "court", "jury", "judge", "police", "statement", "report", "lawsuit",
                           "suit", "complaint", "indictment", "filing", "document", "documents", "list", "panel",
                           "committee", "board", "magazine", "newspaper", "paper", "survey", "poll", "study", "week",
                           "month", "year", "morning", "afternoon", "evening", "night", "day", "today", "yesterday"})


def _introduces_name(named: re.Match) -> bool:
    """Whether "named" after its noun introduces that noun's own name: after someone, a person's noun with "the"
    or a possessive, or any noun of someone indefinite but a time or a namer of others."""
    noun = named.group("someone") or named.group("noun")
    if _low(noun) in ("someone", "somebody"):
        return True
    if _low(named.group("det")) in ("a", "an", "one"):
        return not noun[:1].isupper() and _low(noun) not in _NAMING_NOUNS and _low(noun) not in DAY_WORDS
    return _low(noun) in _NAMED_AFTER or noun.endswith("-old")


def _object_of_verb(text: str, position: int) -> bool:
    """Whether a name follows a verb in the past tense ("which killed John Smith", "Police named John Smith"; not
    "a man named Wade Bassi", "talented Wade Bassi")."""
    m = _AFTER_VERB.search(text, max(0, position - 40), position)
    if m is None:
        return False
    named = _NAMED_A.search(text, max(0, position - 60), position) \
        if m.group("verb") in ("named", "called", "dubbed", "nicknamed") else None
    return named is None or not _introduces_name(named)


# A journalist an outlet's name introduces after "told" or "asked": "she told MSNBC’s Joy Reid", "told Fox News'
# Bret Baier" (whom no "she said" after it stands for)
_INTERVIEWER_BEFORE = re.compile(r"\b(?:told|tells|asked|asks)\s+(?:[A-Z][\w&.\-]*\s+){0,2}[A-Z][\w&.\-]*"
                                 r"(?:['\u2019]s|s['\u2019])\s+$")


class Mentions:
    """The people an article names, for resolving pronouns and descriptions and completing bare surnames."""

    def __init__(self, mentions: list[Mention], text: str = "", quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.employers = _employers(mentions)
        mentions = [mt for mt in mentions if " " in mt.name or _low(mt.name) not in self.employers]
        self.items = mentions
        self.text = text
        self._proper: set[str] | None = None
        self._ages: dict[str, int] | None = None
        self._not_interviewers: list[Mention] | None = None  # the mentions but journalists told something
        self.full: dict[str, set[str]] = {}  # surname (lower case) -> the names of two words or more with it
        self.roles: dict[str, list[str]] = {}  # person_key -> the roles written with the name, in order
        self.gender: dict[str, Gender] = {}  # person_key -> gender
        self._first_named: dict[str, int] = {}  # a name of two words or more -> where the article first gives it
        self.unnamed_subjects: list[UnnamedSubject] = []
        for mt in mentions:
            if len(mt.name.split()) >= 2 and not _knight_given(mt.name) and not _surname_only(mt.name):
                self.full.setdefault(surname(mt.name), set()).add(mt.name)
                self._first_named.setdefault(mt.name, mt.position)
        # a "he" inside a quote is someone the speaker talks about, not the speaker
        unquoted = "".join(text[a:b] if i % 2 == 0 else " " * (b - a) for i, (a, b) in enumerate(_cuts(text, quoted)))
        self.unquoted = unquoted
        self._paragraphs = paragraphs(text)
        self.named_gender: dict[str, Gender] = {}  # person_key -> the gender of a common first name they bear
        for mt in mentions:  # "Amy Bishop", never a "she" in the article: a woman's first name
            if len(mt.name.split()) >= 2:
                self.named_gender.setdefault(self.person_key(mt.name), first_name_gender(mt.name.split()[0]))
        # the "he" after "Mary Olsen ... said ..." is someone else's when her first name is a woman's
        self.gender.update((key, gender) for key, gender in
                           _genders_by_pronoun(mentions, unquoted, self.person_key).items()
                           if self.named_gender.get(key, "?") in ("?", gender))
        for mt in mentions:
            self.add_role(mt.name, mt.role)
            if mt.gender != "?":
                self.gender[self.person_key(mt.name)] = mt.gender

    def person_key(self, name: str) -> str:
        """The key of the person a name stands for: the surname, or the full name when the article names several
        people with that surname (Chela Ortiz is not her husband Jerry Ortiz; a bare "Ortiz" is neither)."""
        key = surname(name)
        return key if len(self.full.get(key, ())) < 2 else self.fullest(name).lower()

    def gender_of(self, name: str) -> Gender:
        """The gender the article gives the person a name stands for, "?" when it gives none."""
        return self.gender.get(self.person_key(name), "?")

    def add_role(self, name: str, role: str | None) -> None:
        """Keep a role written with a person's name; one that opens on a woman's or a man's noun ("daughter of
        slain court reporter Julie Brandau") gives the person's gender when nothing else has."""
        known = self.roles.setdefault(self.person_key(name), [])
        if role and role not in known:
            known.append(role)
        gender = description_gender(role.split()[0]) if role and role.split() else "?"
        if gender != "?" and self.gender_of(name) == "?":
            self.gender[self.person_key(name)] = gender

    def age_of(self, name: str) -> int | None:
        """The age the article gives a person in an apposition ("Laura Finch, 28,"), or None."""
        if self._ages is None:
            self._ages = {}
            for m in _AGED.finditer(self.text):
                self._ages.setdefault(self.person_key(self._name_in(m.group("name"))), int(m.group("age")))
        return self._ages.get(self.person_key(name))

    def fits_epithet(self, name: str, phrase: str) -> bool:
        """Whether nothing the article says of a person rules out an epithet: its gender ("the actress" is no man),
        an age it gives them ("the 28-year-old" is not "Ryan Cole, 31,"; "the teenager" not "Rachel Hurst, 34,")."""
        want = description_gender(phrase)
        if want != "?" and not self.may_be(name, want):
            return False
        age = self.age_of(name)
        head = _low(phrase.split()[-1]) if phrase.split() else ""
        if age is None:
            return True
        if _AGE.match(head):
            return int(head.split("-")[0]) == age
        if head.split("-of-")[0] in _PARENT_NOUNS and age < 16:
            return False  # "Lily Evans, 6, … the grandmother-of-five said": not the child
        return head not in _YOUNG_NOUNS or age < 20

    def is_name(self, word: str) -> bool:
        """Whether a lone capitalised word is a name here: the article writes it so inside a sentence too."""
        if self._proper is None:  # words written with a capital inside a sentence: names, not sentence openers
            self._proper = {POSSESSIVE.sub("", w) for w in _MID_SENTENCE_CAPITAL.findall(self.text)} | \
                {mt.name for mt in self.items}
        return POSSESSIVE.sub("", word) in self._proper or surname(word) in self.full

    def roles_of(self, name: str) -> list[str]:
        """The roles written with the name of the person a name stands for, in order of first use (two Williamses
        keep their own: "Makaeo Williams, 18," is not "City Councilman Jumaane Williams")."""
        return self.roles.get(self.person_key(name), [])

    def role_of(self, name: str) -> str | None:
        """The role the article gives a person first."""
        roles = self.roles_of(name)
        return roles[0] if roles else None

    def fullest(self, name: str, position: int | None = None, gender: Gender = "?") -> str:
        """"Comer" -> "James Comer", and a lone given name for the one person the article names in full with it
        ("Chela" -> "Chela Ortiz", "Walter" -> "Walter A. Clyburn Reed", "Bettie" -> "Bettie Mae Page" after "Bettie
        Page"), when the article names one person so (before ``position``, when given: "Barger" is Kathryn Barger
        until her father Richards D. Barger is named; a given name named in full only later, as a live blog's
        oldest post at its end does, is completed from there); the name itself otherwise (two Bidens leave "Biden"
        as it is, two Zeldas "Zelda"), unless an honorific's ``gender`` fits one of them only ("Mrs Doe" after
        "Jane Doe and her husband, Tom Doe")."""
        given = _knight_given(name)
        if given:  # "Sir Keir": the person named in full with that given name, else as written
            full = self.fullest(given, position)
            return full if full != given else name
        peer = _peer_surname(name)
        if peer:  # "Lord Baker": the person the text names in full as the peer ("Kenneth Baker, now Lord Baker of
            # Dorking"), else as written (never a namesake: "Jeremy Hunt" is not "Lord Hunt of Kings Heath")
            peerage = rf",?\s+(?:now\s+|later\s+|who\s+became\s+|\()?{re.escape(name.split()[0])}\s+{re.escape(peer)}\b"
            fulls = {f for f in self.full.get(surname(peer), ())
                     if not _peer_surname(f) and " " in f and re.search(rf"\b{re.escape(f)}{peerage}", self.text)}
            return next(iter(fulls)) if len(fulls) == 1 else name
        fulls = {f for f in self.full.get(surname(name), ()) if _words(name) <= _words(f) and
                 (position is None or self._first_named.get(f, 0) < position)}
        if " " in name and name in self._first_named:  # a name the article writes in full is not a son's or a
            # father's that only adds or drops the generation ("Donald Trump" when it names Donald Trump Jr first)
            fulls = {f for f in fulls if _generation(f) == _generation(name)}
        # the name with a generation alone is a son's ("Jerry Jr." is not "Jerry", his father Jerry Jones)
        fulls = _same_generation({f for f in fulls if not _only_generation_added(f, name)}, name)
        if not fulls and " " not in name:  # a given name: the names of two words or more it opens (named later
            # when none is before: a live blog's oldest post, at its end, names "Neil McCormick")
            opened = [f for f in self._first_named if _given_name(f) == name and not _only_generation_added(f, name)]
            fulls = {f for f in opened if position is None or self._first_named[f] < position} or set(opened)
        elif fulls <= {name}:  # the first words of a longer name ("Te Kaurinui": Te Kaurinui Robert Parata;
            # "Hillary Rodham": Hillary Rodham Clinton) whose surname the article uses alone or gives another
            # person too, as it never uses this name's last word alone (not "Jimmy Kimmel Live", nor George
            # Washington Carver for George Washington)
            words = name.split()
            alone = {mt.name for mt in self.items if " " not in mt.name}
            fulls = {f for f in self._first_named if f.split()[:len(words)] == words and len(f.split()) > len(words)
                     and _generation(f) == _generation(name) and words[-1] not in alone
                     and (f.split()[-1] in alone or len(self.full.get(surname(f), ())) >= 2)
                     and (position is None or self._first_named[f] < position)} or fulls
        if len(fulls) == 1:
            return next(iter(fulls))
        of_gender = {f for f in fulls if self.known_gender(f) == gender} if gender != "?" else set()
        if len(of_gender) == 1 and all(self.known_gender(f) not in ("?", gender) for f in fulls - of_gender):
            return next(iter(of_gender))
        longest = max(fulls, key=len, default=name)
        return longest if all(set(f.split()) <= set(longest.split()) for f in fulls) else name

    def resolve(self, phrase: str, position: int, para: int) -> str | None:
        """The person a pronoun or a definite description at ``position`` refers to: the nearest fitting person
        named before it in its paragraph or the one before (subjects of sentences first); for a description, else
        the last person named in its paragraph when a sentence's subject of no other role; or None. An office's
        initials stand for its words ("the PM": the prime minister)."""
        words = [_low(w) for w in phrase.split()]
        if len(words) == 2 and words[0] == "the" and phrase.split()[1] in _OFFICE_INITIALS:
            words = ["the", *_OFFICE_INITIALS[phrase.split()[1]]]
        head = words[words.index("of", 1) - 1] if "of" in words[2:] and phrase.split(" of ", 1)[-1].islower() \
            else words[-1]  # ("the secretary of state"; not "the head of the IMF")
        if len(words) == 1 and words[0] in ("he", "she"):
            want: Gender = _PRONOUN_GENDER[words[0]]
            fits = lambda mt: self.may_be(mt.name, want)  # noqa: E731
        elif len(words) >= 2 and words[0] == "the" and (head in ROLE_WORDS or head in _LEADER_NOUNS or
                                                         head in _RUNNING_NOUNS) \
                and not _names_organisation(words):
            content = [_SAME_OFFICE.get(w, w) for w in words[1:] if w not in ("former", "then", "current", "new") and
                       not _TENURE.fullmatch(w)]  # ("the four-term congressman" of "Rep. Blake Farenthold")
            former = "former" in words
            fits = lambda mt: self._role_fits(mt.name, content) and self._was_former(mt, former)  # noqa: E731
            # ("the former president" is not the one whose role is "President", nor "the president" the "Former
            # President")
        else:
            return None
        going_on = (_HE_WORD if words[0] == "he" else _SHE_WORD) if len(words) == 1 else \
            re.compile(rf"\b(?:{re.escape(head)}|[Hh]e|[Ss]he|his|His|him|her|Her)\b", re.IGNORECASE)
        near = self._in_reach(position, para, len(words) == 1, going_on)
        if len(words) == 1:  # a "he" for the nearest subject known to be a he, before one of unknown gender
            introduced = self._introduced(near, fits)
            if introduced is not None:
                return self.fullest(introduced.name, position)
            known = self._known_subject(near, want, para, position)
            if known is not None:
                return self.fullest(known.name, position)
            here = [mt for mt in near if mt.para == para]  # then in its paragraph: a subject, or one known a he
            for mt in sorted(reversed(here), key=lambda mt: not (mt.subject and fits(mt))):
                if mt.subject and fits(mt) or self.gender_of(mt.name) == want:
                    return self.fullest(mt.name, position)
        if len(words) > 1:
            holder = self._holder_here(near, fits, head, position, para)
            if holder is not None:
                return holder
        for mt in reversed(near):  # subjects of sentences first
            if mt.subject and fits(mt):
                return self.fullest(mt.name, position)
        by_role = len(words) > 1 and not any(mt.subject and mt.para == para for mt in near)
        for mt in reversed(near):  # then others: in the same paragraph, known to be a he or a she ("Mr. X"), or
            # holding the description's role when no one is its paragraph's subject ("Mayor Tom Hart met Gov. Bob
            # Lee. ¶ “…,” the governor said"; not past "Johnson proclaimed …. “…,” the new speaker said")
            if fits(mt) and (mt.para == para or self.gender_of(mt.name) != "?" or by_role):
                return self.fullest(mt.name, position)
        if len(words) == 1:
            return self._met_one(near, want, position) or self._sole_person(near, want, position)
        return self._described_one(words, head, content, former, fits, near, position, para)

    def _holder_here(self, near: list[Mention], fits: Callable[[Mention], bool], head: str, position: int,
                     para: int) -> str | None:
        """For a description ("the senator") that fits no one in its own paragraph by role but someone of the one
        before: the last subject of its own paragraph when the text gives them no role and they may hold the
        office ("Rubio sought to stoke energy …, the senator said", not Sen. Bernie Sanders of the paragraph
        before); else None."""
        here = [mt for mt in near if mt.para == para]
        subjects = [mt for mt in here if mt.subject and
                    _sentence_breaks(self.text, self.name_at(mt) + len(mt.name), position)]
        # (named in an earlier sentence, not the description's own: "Mr. Trump is so reckless, the vice president
        # said")
        if not subjects or any(fits(mt) for mt in here) or not any(fits(mt) for mt in near if mt.para < para):
            return None
        return self.fullest(subjects[-1].name, position) if self._may_hold(subjects, head, position) else None

    def name_at(self, mt: Mention) -> int:
        """Where the name of a mention is written: past a role it opens on ("Senate Majority Leader Dana …")."""
        at = self.text.find(mt.name, mt.position)
        return mt.position if at < 0 else at

    def _cited_work(self, mt: Mention) -> bool:
        """Whether a mention is a source cited after "according to" by a name of two words or more that opens on no
        given name and whose last word the article never uses alone ("according to Vanity Fair"; not "according to
        Smith", nor "according to Jane Smith")."""
        words = mt.name.split()
        return len(words) >= 2 and first_name_gender(words[0]) == "?" and \
            bool(re.search(r"\baccording\s+to\s+$", self.text[max(0, mt.position - 15):mt.position])) and \
            not any(other.name == words[-1] for other in self.items)

    def _was_former(self, mt: Mention, former: bool) -> bool:
        """Whether the text gives a person a "former" role exactly when the description says "former"."""
        return former == any("former" in _low(r).split() for r in self.roles_of(mt.name))

    def _in_reach(self, position: int, para: int, pronoun: bool, going_on: re.Pattern) -> list[Mention]:
        """The mentions a pronoun or description at ``position`` may stand for: before it, in its paragraph or the
        one before (two before, across a paragraph naming no one; or across any run of them that go on about the
        person, ``going_on``: "he", "his", "the governor"), none named in a question or after a preposition in its
        sentence, nor a journalist told something ("told MSNBC’s Joy Reid"), and for a pronoun no place."""
        lowest = para - 1
        if self._not_interviewers is None:
            self._not_interviewers = [mt for mt in self.items if not _INTERVIEWER_BEFORE.search(
                self.text, max(0, mt.position - 60), self.name_at(mt))]
        items = self._not_interviewers
        named_paras = {mt.para for mt in items}
        if lowest not in named_paras:
            lowest -= 1  # a paragraph naming no one ("He did not answer.") between the person and the quote
        while 0 < lowest < para and lowest not in named_paras and self._goes_on(lowest, going_on):
            lowest -= 1  # "Glenn Beck … ¶ Progressivism, he told …. ¶ But he aimed his fire …. ¶ “…,” he said": him
        near = [mt for mt in items if mt.position < position and lowest <= mt.para <= para]
        others = {self.person_key(mt.name) for mt in near if self._in_question(mt.position) or
                  self.object_of_preposition(mt.position) and self._same_sentence(mt.position, position)}
        near = [mt for mt in near if self.person_key(mt.name) not in others]  # (named before too: still not them)
        if pronoun:
            near = [mt for mt in near if not mt.place and not self._cited_work(mt)]  # a place is no "he": "China
            # may outnumber …, he says"; nor a source cited by name with no given name: "according to Vanity Fair"
        return near

    def _goes_on(self, para: int, going_on: re.Pattern) -> bool:
        """Whether a paragraph goes on about someone outside its quotes (``going_on``: "he", "his", "the governor")."""
        start, end = self._paragraphs[para] if para < len(self._paragraphs) else (0, 0)
        return going_on.search(self.unquoted, start, end) is not None

    def _described_one(self, words: list[str], head: str, content: list[str], former: bool,
                       fits: Callable[[Mention], bool], near: list[Mention], position: int, para: int) -> str | None:
        """For a description no mention in reach fits by its role: the one person named in reach who may hold it
        (of its gender, if it has one; named as a subject at least once), the subject of its paragraph's last
        sentence, the subject of the next sentence, or the one holder of a state's office ("the Florida senator");
        None for a go-between ("the spokesman")."""
        if head in _GO_BETWEEN_NOUNS:
            return None  # "the spokesman", "the official", "the RNC member": not the one named, when no mention fits
        gender = description_gender(head)  # ("the congressman" is none of the women named: "his aide, Lauren")
        near = [mt for mt in near if gender == "?" or self.may_be(mt.name, gender)]
        named = {surname(mt.name) for mt in near}
        if len(named) == 1 and not all(_object_of_verb(self.text, mt.position) for mt in near) and \
                self._may_hold(near, head, position):
            return self.fullest(near[-1].name, position)  # "Mr Sunak hinted ... the Prime Minister said": one named
            # (not "Marcus Hill was charged ... the sheriff said": one named, but not as a speaker)
        last = next((mt for mt in reversed(near) if mt.para == para), None)
        if last is not None and last.subject and (self._may_hold([last], head, position) or fits(last)):
            return self.fullest(last.name, position)  # "Johnson proclaimed ... “…,” the new speaker said"
        after = self._next_subject(position, para, lambda mt: fits(mt) or not self.roles_of(mt.name))
        if after is not None:
            return after  # "The prime minister admitted ... Rishi Sunak recognised": named in the next sentence
        states = [w for w in words if re.fullmatch(STATES, w.title())]
        if states:  # "the Florida senator" of "Sen. Marco Rubio", the one senator in reach
            bare = [w for w in content if w not in states]
            holders = {self.person_key(mt.name): mt.name for mt in near
                       if self._role_fits(mt.name, bare) and self._was_former(mt, former)
                       and not self.object_of_preposition(mt.position) and
                       all(_state_abbreviates(st, " ".join(states)) for st in self._given_words(mt).states) and
                       not self._of_another_state(mt, states)}
            # (not "an appearance with Sen. Joni Ernst, R-Iowa", nor "Sen. Mark Kelly of Arizona")
            if len(holders) == 1:
                return self.fullest(next(iter(holders.values())), position)
        return None

    def _of_another_state(self, mt: Mention, states: list[str]) -> bool:
        """Whether the text ties a person to a US state other than ``states`` right after a mention of them ("Sen.
        Mark Kelly of Arizona", "Ted Cruz, who has represented Texas")."""
        at = self.text.find(mt.name, mt.position)
        tied = re.match(rf",?\s+(?:of|from|who\s+(?:has\s+)?represent(?:s|ed))\s+({STATES})\b",
                        self.text[at + len(mt.name):at + len(mt.name) + 60]) if at >= 0 else None
        return tied is not None and _low(tied.group(1)) not in states

    def _may_hold(self, mentions: list[Mention], head: str, position: int) -> bool:
        """Whether the one person of ``mentions`` (in reach of ``position``), given no role (a candidacy aside:
        "Republican presidential candidate Rick Perry … the Texas governor"; any role, for one running for office:
        "Sen. Marco Rubio … the presidential hopeful"), may be the office or post ``head``
        names: nothing done to them ("Hunter Biden was pardoned"), no one else called so since, and for a post ("the
        sheriff") shown speaking."""
        last = mentions[-1]
        return (head in _RUNNING_NOUNS or not [r for r in self.roles_of(last.name) if not _CANDIDACY.search(r)]) and \
            not any(_DONE_TO.match(self.text, mt.position + len(mt.name)) for mt in mentions) and \
            not self.called_otherwise(last.name, head, last.position + len(last.name), position) and \
            (head in _OFFICE_HEADS or head in _STAFF_HEADS and any(self._shown_speaking(mt) for mt in mentions))

    def _met_one(self, near: list[Mention], want: Gender, position: int) -> str | None:
        """For a "he" or "she" (``want``), the one person in reach of that gender when they are the object of a verb
        of meeting someone ("Tom Hart met Jane Doe on Monday. ¶ “…,” she said"), one taking another's place ("was
        replaced by Jane Doe") or the subject of a clause after a conjunction ("Bob Lee left and Jane Doe took
        over"), every other person in reach being known to be of the other gender and no one unnamed described
        since; None otherwise."""
        persons = {self.person_key(mt.name): mt for mt in near}
        fitting = [mt for mt in persons.values() if self.known_gender(mt.name) == want]
        if len(fitting) != 1 or any(self.known_gender(mt.name) in ("?", want) for mt in persons.values()
                                    if mt is not fitting[0]):
            return None
        met = [mt for mt in near if self.person_key(mt.name) == self.person_key(fitting[0].name)][-1]
        clause_subject = _CLAUSE_SUBJECT_BEFORE.search(self.text, max(0, met.position - 12), met.position) and \
            _VERB_AFTER_NAME.match(self.text, met.position + len(met.name))
        if not (_MET_BEFORE.search(self.text, max(0, met.position - 60), met.position) or clause_subject) or \
                self.unnamed_between(met.position, position):
            return None
        return self.fullest(met.name, position)

    def _sole_person(self, near: list[Mention], want: Gender, position: int) -> str | None:
        """The one person named in reach of a "he" or "she" (``near``) when their first name fits it, though no
        sentence makes them its subject ("While he doesn’t buy halibut much — he’s got a freezer full of it —
        Bassi, 43, keeps an eye on it. ¶ “…,” he said" after "skipper Wade Bassi"); never one named as an object
        ("video of John Smith firing", "the shooting, which killed John Smith"); None otherwise."""
        if len({self.person_key(mt.name) for mt in near}) != 1 or not self.may_be(near[-1].name, want) or \
                self.named_gender.get(self.person_key(near[-1].name)) != want or \
                self.unnamed_between(near[-1].position, position) or \
                any(self.object_of_preposition(mt.position) and not mt.role or  # ("Chief of Staff Katie Walsh"
                    _object_of_verb(self.text, mt.position) for mt in near):  # is hers)
            return None
        return self.fullest(near[-1].name, position)

    def _same_sentence(self, start: int, end: int) -> bool:
        """Whether no sentence ends between two places."""
        return _SENTENCE_END_BETWEEN.search(self.text, start, end) is None

    def object_of_preposition(self, position: int) -> bool:
        """Whether a name follows a preposition ("under cross-examination by Mpofu, he said": never the "he" of
        its own sentence; but "As for Trump, he said" is the topic's)."""
        before = self.text[max(0, position - 12):position].split()
        return bool(before) and before[-1].lower() in _PREPOSITIONS and \
            _OWNER_RUN.match(self.text, position) is None and \
            before[-2:] not in (["As", "for"], ["As", "to"])  # "One of RuPaul's beliefs": the owner, no object

    def _in_question(self, position: int) -> bool:
        """Whether a name is in the question put to a sentence's subject ("Asked whether he would take gifts from
        Lord Alli, he said": not Lord Alli)."""
        opening = self.text[:position]
        start = max(opening.rfind(". "), opening.rfind("\n")) + 1
        rest = re.match(r"[^.!?\n]*", self.text[position:])
        return bool(_ASKED_OPENING.match(opening, start)) and "," not in opening[start:] and \
            rest is not None and "," in rest.group()  # (the question ends on a comma: "Asked about X, he said")

    def role_words(self, name: str) -> set[str]:
        """The words, lower-case, of the roles the article gives a person."""
        return {_low(w) for role in self.roles_of(name) for w in role.split()}

    def known_gender(self, name: str) -> Gender:
        """The article's gender for a person, else that of their first name, else "?"."""
        known = self.gender_of(name)
        return known if known != "?" else self.named_gender.get(self.person_key(name), "?")

    def may_be(self, name: str, want: Gender) -> bool:
        """Whether a person may be a "he" (``want`` "m") or a "she": the article's gender for them, else that of
        their first name, else either."""
        known = self.gender_of(name)
        return known == want if known != "?" else self.named_gender.get(self.person_key(name), "?") in ("?", want)

    def _known_subject(self, near: list[Mention], want: Gender, para: int, position: int) -> Mention | None:
        """The nearest subject the article makes a "he" (or a "she"); or one whose first name is a man's (a woman's)
        when no subject of unknown gender comes after it ("Amy Bishop ... was charged. She claimed"); never one of
        an earlier paragraph past a subject of unknown gender in the pronoun's own ``para``, nor past one who spoke
        in the sentence before ("Athletic director Gene Smith ... said .... '...,' he said": not a spokesman named
        sentences before)."""
        unknown_since = unknown_here = False
        for mt in reversed(near):
            if not mt.subject or not self.may_be(mt.name, want):
                continue
            if self.gender_of(mt.name) == want:
                return None if unknown_here and mt.para < para else mt
            if not unknown_since and self.named_gender.get(self.person_key(mt.name)) == want:
                return mt
            if not unknown_since and self._spoke_just_before(mt, position):
                return mt  # "Athletic director Gene Smith ... said the allegations .... “…,” he said"
            unknown_since = True
            unknown_here = unknown_here or mt.para == para
        return None

    def _shown_speaking(self, mt: Mention) -> bool:
        """Whether the sentence of a mention shows the person speaking after their name."""
        end = _SENTENCE_END_BETWEEN.search(self.text, mt.position)
        return bool(_SHOWN_SPEAKING.search(self.text, mt.position + len(mt.name),
                                           end.start() if end else len(self.text)))

    def _spoke_just_before(self, mt: Mention, position: int) -> bool:
        """Whether a subject speaks in the sentence right before ``position`` (or in its own)."""
        if len(_SENTENCE_END_BETWEEN.findall(self.text, mt.position, position)) > 1:
            return False
        end = _SENTENCE_END_BETWEEN.search(self.text, mt.position, position)
        return bool(_SPEAKS.search(self.text, mt.position, end.start() if end else position))

    def _introduced(self, near: list[Mention], fits: Callable[[Mention], bool]) -> Mention | None:
        """The person a "he" or "she" after a quote stands for when the last person it may be was first named, in
        full with a role or a clause about them and not as a subject, in a sentence after the last subject it may
        be, a sentence about no one else
        ("Ketsoyan did not say more. The move surprised producer Matthew O'Connor, who worked with Reid. “…,” he
        told E! News": O'Connor)."""
        fitting = [mt for mt in near if fits(mt)]
        subjects = [mt for mt in fitting if mt.subject]
        if not fitting or not subjects:
            return None
        last = fitting[-1]
        if last.subject or len(last.name.split()) < 2 or self._first_named.get(last.name) != last.position or \
                not (last.role or _INTRODUCED.match(self.text, last.position + len(last.name))):
            return None  # not a person introduced as one: with a role, or a clause about them ("Harry Potter")
        breaks = _sentence_breaks(self.text, subjects[-1].position, last.position)
        if not breaks or _PRONOUN_OPENING.match(self.text, breaks[-1].end() - 1):
            return None  # in the subject's sentence, or in one about "he" ("He and his husband, Georges LeBar, ...")
        return last

    def named_before_quote(self, pronoun: str, position: int, para: int) -> str | None:
        """The person a "he" or "she" at ``position`` after a quote stands for when the sentence right before the
        quote, in its paragraph, names that person alone and not as its subject, by a role or a gender the pronoun
        fits ("That did not satisfy Justice Scalia. “…,” he said": Scalia, not the lawyer quoted in the paragraph
        before); else None."""
        want: Gender = _PRONOUN_GENDER[pronoun.lower()]
        here = [mt for mt in self._in_reach(position, para, True, _HE_WORD if want == "m" else _SHE_WORD)
                if mt.para == para]
        last = here[-1] if here else None
        if last is None or not self.may_be(last.name, want) or last.subject or \
                self.object_of_preposition(last.position) or \
                re.search(r"['\u2019]s\s", self.text[last.position:self.text.find(last.name, last.position)]) or \
                not last.role and self.gender_of(last.name) == "?":
            return None  # (a person by their role or gender, not after a preposition: not "Hornby Island", not
            # "spoke to Woman’s Weekly")
        ends = _sentence_breaks(self.text, last.position + len(last.name), position + 1)
        if len(ends) != 1 or self.text[ends[0].end() - 2] not in "\"\u201c":
            return None  # (not the quote's own sentence: the quote opens the sentence after the name's)
        breaks = _sentence_breaks(self.text, self.paragraph_start(para), last.position)
        start = breaks[-1].end() - 1 if breaks else self.paragraph_start(para)
        if _PRONOUN_OPENING.match(self.text, start) or \
                any(start <= mt.position < last.position and self.person_key(mt.name) != self.person_key(last.name)
                    for mt in here):
            return None  # (a sentence about "he", or naming another too: "Jones thanked Smith.")
        return self.fullest(last.name, position)

    def paragraph_start(self, para: int) -> int:
        """Where the article's paragraph ``para`` (an index into ``sentences.paragraphs``) starts."""
        return self._paragraphs[para][0]

    def described(self, phrase: str, position: int, para: int) -> str | None:
        """The person an epithet ("the mother-of-two", "the doctor") at ``position`` stands for: the nearest subject
        named before it in its paragraph or the one before (two before, across a paragraph naming no one) whose
        gender does not contradict it; else the subject of its paragraph's next sentence naming someone; or None."""
        head = _low(phrase.split()[-1])
        if head in _RELATIONAL_HEADS:
            return self.with_role_word(head, position, para)  # "the mother": only one the text calls so
        if _AGE.match(head):  # "the 31-year-old": the one the text gives that age, when it gives ages
            ages = list(_AGED.finditer(self.text, 0, position))
            same = [m for m in ages if m.group("age") == head.split("-")[0]]
            if ages:
                return self.fullest(self._name_in(same[-1].group("name")), position) if same else None
        fits = lambda mt: self.fits_epithet(mt.name, phrase) and \
            not self.called_otherwise(mt.name, head, mt.position + len(mt.name), position)  # noqa: E731
        return self._nearest_subject(position, para, fits, description_gender(phrase))

    def adjacent(self, phrase: str, position: int, para: int) -> str | None:
        """The person an epithet at ``position`` of a family ("the mum-of-three") or of a sport's or a show's trade
        ("the midfielder", "the singer") stands for when the sentence before it, or its own, makes them its subject
        and names no one else before it ("Manager Fabian Kessler confirmed the news. “…,” the boss said"), when the
        roles the article gives them hold the trade ("the boss": a manager's, coach's or chief's) or, for a trade but
        "the boss", there are none, and nothing else rules it out (a family's epithet needs their gender known to fit
        and an adult's age, if given; not a possessive: "Isak's double"); else None. (Offices are ``resolve``'s;
        nationalities ``given``'s; a relation to someone, "the agent", "the victim", may be someone else's.)"""
        words = phrase.split()
        head = _low(words[-1]) if words else ""
        family = "-of-" in head
        if len(words) < 2 or _low(words[0]) != "the" or " of " in phrase or \
                not (family or head in _ADJACENT_TRADES and words[-1].islower() or nationality_forms(words[-1])):
            return None
        subject = self._subject_just_before(head, position, para)
        if subject is None or not self._epithet_fits(subject, phrase, head, family, position):
            return None
        return self.fullest(subject.name, position)

    def _subject_just_before(self, head: str, position: int, para: int) -> Mention | None:
        """For an epithet with the noun ``head`` at ``position``, the subject of the sentence before it or of its
        own, in its paragraph (or the paragraph before, when that names one person only), with no one else named,
        described or spoken to between; None otherwise."""
        written = [mt for mt in self.items if mt.position < position and
                   self.text.find(mt.name, mt.position, mt.position + len(mt.name) + 40) >= 0]  # (not a description
        # read as a mention: "Speaking to ITV, the midfielder said")
        before = [mt for mt in written if mt.para == para]
        if not any(mt.subject for mt in before):  # no subject named in its paragraph: the paragraph before, when it
            # names one person only ("Raheem Sterling scored twice. ¶ The 29-year-old winger told Sky Sports:")
            before = [mt for mt in written if mt.para == para - 1]
            if len({self.person_key(mt.name) for mt in before}) != 1:
                return None
        subject = next((mt for mt in reversed(before) if mt.subject), None)
        if subject is None or any(self.person_key(mt.name) != self.person_key(subject.name)
                                  for mt in before if mt.position > subject.position) or \
                POSSESSIVE.match(self.text, subject.position + len(subject.name)):
            return None
        if subject.para != para and self._other_in_play(subject, head, position):
            return None
        between = self.unquoted[subject.position + len(subject.name):position].replace("\n\n", "\n")
        ends = len(_SENTENCE_END_BETWEEN.findall(between))
        if ends > (1 if subject.para == para else 2) or self.unnamed_between(subject.position, position) or \
                re.search(r"\b(?:him|her)\b", between):
            return None  # (someone else in play: "Willie Mullins trained more than 200 winners for him")
        return subject

    def _epithet_fits(self, subject: Mention, phrase: str, head: str, family: bool, position: int) -> bool:
        """Whether an epithet at ``position`` fits the person named just before it: a family's, their known gender
        and an adult's age; a trade's, the roles the text gives them ("the boss": a manager's, coach's or chief's);
        and no other title the text gives them since."""
        roles = self.role_words(subject.name)
        if family:
            age = self.age_of(subject.name)
            if self.known_gender(subject.name) != description_gender(phrase) or age is not None and age < 18:
                return False
        elif head == "boss" and not roles & _BOSS_ROLES or head != "boss" and roles and head not in roles:
            return False  # ("Challenger Dmitry Volkov", "Referee Anthony Taylor": no "the champion", "the midfielder")
        return self.fits_epithet(subject.name, phrase) and \
            not self.called_otherwise(subject.name, head, subject.position + len(subject.name), position)

    def _other_in_play(self, subject: Mention, head: str, position: int) -> bool:
        """Whether, for an epithet at ``position`` that a person named in the paragraph before may stand for, someone
        else may: that paragraph holds a quote (a new paragraph's epithet after "“…,” Sinner said." is another
        speaker), or the text gives the epithet's noun to another person ("Former Wimbledon champion Pat Cash") or to
        anyone in that paragraph."""
        start = self.text.rfind("\n", 0, subject.position) + 1
        own = self.role_words(subject.name)
        if any(mark in self.text[start:position - 1] for mark in "\"\u201c\u201d") or head not in own and \
                re.search(rf"\b{re.escape(head)}\b", self.text[start:self.text.find("\n", subject.position)], re.I):
            return True  # (nor when it gives the noun to someone else: "midfielder Mateo Kovacic …, but midfielder
            # Rodri"; "Chelsea boss Mauricio Pochettino …. ¶ The Blues boss added:" is his)
        key = self.person_key(subject.name)
        return any(self.person_key(mt.name) != key and head in self.role_words(mt.name)
                   for mt in self.items if mt.position < position)

    def called_so(self, description: str, position: int) -> str | None:
        """The person the text, before ``position``, names right after the lower-case words of ``description``, two
        or more ("the world number one" for "world number one Sabine Richter"; not "President Joe Biden" for "the
        president", nor "actress America Ferrera" for "the actress") or calls so in an apposition ("Sabine Richter,
        the world number one,"); the last such, or None."""
        words = description.split()[1:]
        if not 3 <= len(description.split()) <= 6 or not all(w[:1].islower() or w[:1].isdigit() for w in words):
            return None
        said = r"\s+".join(map(re.escape, words))
        names = {mt.name for mt in self.items}
        found = None
        written = re.compile(rf"\b{said}\s+(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})|"
                             rf"(?P<appos>{_WORD}(?:\s+{_WORD}){{0,3}}),\s+the\s+{said}\s*[,.;)]")
        for m in written.finditer(self.text, 0, position):
            before = self.text[max(0, m.start() - 20):m.start()].split()[-1:]
            if m.group("name") and before and _low(before[0]) in _MODIFIERS_BEFORE:
                continue  # "former world number one Elena Petrova" is no "the world number one"
            name = self._name_in(m.group("name") or m.group("appos"))
            found = name if name in names else found
        return self.fullest(found, position) if found else None

    def given(self, word: GivenWord, position: int, para: int) -> str | None:
        """The one person named before ``position`` (in its paragraph or the two before) whom the text, at any
        mention before, gives a word of ``word`` (``given_word``) in the title run right before the name, in a role,
        in a closed apposition after it or by a party label ("Swedish qualifier Elias Ymer", "midfielder Declan
        Rice", "Dana Whitfield, D-Ore.," for "the Swede", "the midfielder", "the Oregon Democrat"); two such, or
        none, or one the text gives it besides but names by one word only ("Spanish midfielder Rodri"): None."""
        found = self._given_to(word, position, para)
        names = [name for name, qualified in found.values() if qualified] or [name for name, _ in found.values()]
        if len(names) != 1 or self._given_unnamed(word, position, para):
            return None
        return self.fullest(names[0], position)
        # (two in reach the text calls so alike: "the Republican" of Paul Ryan and Donald Trump is neither; "the
        # Wisconsin Republican" the one the text says is from Wisconsin)

    def given_another(self, head: str, name: str, position: int, para: int) -> bool:
        """Whether the text gives an epithet's ``head`` ("the striker") as a title to someone in reach other than
        the person ``name`` an earlier rule found ("Striker Ollie Watkins scored twice as Aston Villa beat Everton,
        whose striker Beto missed a penalty": the striker may be either)."""
        word = GivenWord(frozenset({head}), (), True, "?")
        key = self.person_key(name)
        since = max((mt.position for mt in self.items if mt.position < position and self.person_key(mt.name) == key),
                    default=0)  # (one given it before the person's last mention is not the nearer)
        return any(other != key and any(since < mt.position < position and self.person_key(mt.name) == other
                                        for mt in self.items)
                   for other in self._given_to(word, position, para)) or \
            self._given_unnamed(word, position, para, since)

    def _given_to(self, word: GivenWord, position: int, para: int) -> dict[str, tuple[str, bool]]:
        """The people in reach the text gives ``word`` (``given``): person key -> name, and whether the text gives
        them the word's qualifiers too."""
        found: dict[str, tuple[str, bool]] = {}
        for mt in self.items:
            key = self.person_key(mt.name)
            if mt.position >= position or not para - 2 <= mt.para <= para or key in found or \
                    " " not in mt.name and (_NATIONALITY_WORD.fullmatch(mt.name) or _low(mt.name) in _PLACES) or \
                    word.gender == "f" and self.known_gender(mt.name) != "f" or \
                    word.gender == "m" and not self.may_be(mt.name, "m"):
                continue  # (no person: "Danish", "Norway"; a Frenchwoman only one known a she: not Emmanuel Macron)
            given = [self._given_words(other) for other in self.items
                     if other.position < position and self.person_key(other.name) == key]
            words = {w for g in given for w in (g.heads if word.trade else g.words)}
            context = {w for g in given for w in g.words | g.context}
            states = {st for g in given for st in g.states}
            place = " ".join(word.qualifiers)  # ("Chuck Schumer, D-N.Y.," is no Connecticut or New Jersey one)
            qualified = set(word.qualifiers) <= context
            if words & word.forms and (qualified or not states or
                                       any(_state_abbreviates(st, place) for st in states)):
                found[key] = (mt.name, qualified)
        return found

    def _given_unnamed(self, word: GivenWord, position: int, para: int, since: int = 0) -> bool:
        """Whether the text, before ``position`` in reach (and after ``since``), gives ``word`` in a title run headed
        by a title noun right before a capitalised word it never counts as a person's name ("Spanish midfielder
        Rodri", "whose striker Beto")."""
        reach = [mt.position for mt in self.items if para - 2 <= mt.para <= para]
        start = max(since, min(reach, default=position) - 400, 0)
        spans = [(mt.position, mt.position + len(mt.name)) for mt in self.items]
        for m in _LONE_CAPITALISED.finditer(self.text[:position], start):
            if any(a <= m.start() < b for a, b in spans):
                continue
            run = _title_run(self.text[max(0, m.start() - 80):m.start()].split()[-4:])
            if run and run[0] in _TITLE_RUN_WORDS | TITLE_NOUNS and set(run[:1] if word.trade else run) & word.forms:
                return True  # (a title noun before it: not "French Open", "Swedish Cup", "Irish Times")
        return False

    def _given_words(self, mt: Mention) -> _Given:
        """The words the text gives the person of this mention there (``given``): the title run right before the
        name, back to any word that is no title noun nor a nationality's adjective ("Swedish qualifier Elias Ymer";
        not past a verb, "Dutch fans jeered Lewis Hamilton", nor an organisation's name, "Spanish giants Real Madrid
        coach Carlo Ancelotti"); their roles; the noun phrase opening a closed apposition (", a Swedish striker
        who …,"; not ", an American coaching the Canadian side,"), the apposition's other words as context only; a
        party label ("D-Ore."); a country's possessive right before a full name only where the sentence sets two
        countries' people against each other ("Norway's Casper Ruud beat Sweden's Elias Ymer"; alone, "England's
        Thomas Tuchel" may coach England)."""
        at = self.name_at(mt)
        before = self.text[max(0, at - 80):at].split()[-4:]
        run = _title_run(before)
        if before and " " in mt.name and POSSESSIVE.sub("", _low(before[-1])) in self._rival_countries(at):
            run.append(POSSESSIVE.sub("", _low(before[-1])))  # "Norway's Casper Ruud beat Sweden's Elias Ymer"
        after = re.compile(r",\s+(?:an?|the)\s+([^,.;:\"\u201c\u201d]{1,40}),|\s*,?\s*\(?([DR])-([A-Z][\w.]*)").match(
            self.text, at + len(mt.name))  # ("Okafor, the Swede added": no apposition)
        party = {"D": ["democrat"], "R": ["republican"]}.get(after.group(2) or "", []) if after else []
        role_runs = [_title_run(r.split()) for r in self.roles_of(mt.name)]
        appos = [POSSESSIVE.sub("", _low(w)) for w in after.group(1).split()] if after and after.group(1) else []
        phrase = list(itertools.takewhile(lambda w: w not in _PHRASE_ENDS, appos[:1] + list(itertools.takewhile(
            lambda w: not w.endswith("ing"), appos[1:]))))
        words = {w for w in run + [w for r in role_runs for w in r] + party + phrase if w not in _PLACES or w in run}
        heads = {r[0] for r in [run, *role_runs, phrase[::-1]] if r}
        return _Given(frozenset(words), frozenset(heads & words), frozenset(appos),
                      (after.group(3),) if after and after.group(3) else ())

    def _rival_countries(self, at: int) -> set[str]:
        """The countries, lower-case, whose possessives stand before full names in the sentence around ``at`` when
        there are two or more of them; else none."""
        start = max(self.text.rfind(". ", 0, at), self.text.rfind("\n", 0, at)) + 1
        end = min((i for i in (self.text.find(". ", at), self.text.find("\n", at)) if i >= 0), default=len(self.text))
        places = {POSSESSIVE.sub("", _low(m.group(1))) for m in _COUNTRY_BEFORE_NAME.finditer(self.text, start, end)}
        return places if len(places & _PLACES) >= 2 else set()

    def _name_in(self, words: str) -> str:
        """The name of a person the text names that ends a run of capitalised words ("On Tuesday Gareth Price",
        "Britain's Andy Murray", "Striker Joel Piroe": Gareth Price, Andy Murray, Joel Piroe); else the run."""
        names = {mt.name for mt in self.items}
        split = words.split()
        return next((" ".join(split[i:]) for i in range(len(split)) if " ".join(split[i:]) in names), words)

    def called_otherwise(self, name: str, head: str, start: int, until: int) -> bool:
        """Whether an epithet's head ("the teacher") is not a named person's: their role is another trade
        ("Principal John Marsh" is not "the teacher"; but "Pop star Taylor Swift" may be "the singer"), or the text
        brings in someone else by it between ``start`` and ``until``: an indefinite one ("Jo Price was arrested. A
        man was seen running …"), one qualified ("The owner of the shop, who did not want to be named,"), or one
        whose words the quote's sentence reports ("Jones said the man told her:"); not the person again ("Outside
        court the man hugged his wife")."""
        role = [_low(w) for r in self.roles_of(name) for w in r.split()]
        if role and head in _TRADE_NOUNS and head not in role and role[-1] in ROLE_WORDS | JOB_NOUNS | _BOSS_ROLES:
            return True  # (nor "Manager Pep Guardiola" "the striker")
        sentence = max((m.end() for m in _SENTENCE_END_BETWEEN.finditer(self.text, start, until)), default=start)
        someone = re.compile(rf"\b(?:[Aa]n?\s+(?:[a-z][\w\-]*\s+)?{re.escape(head)}\b|[Tt]he\s+(?:[a-z][\w\-]*\s+)?"
                             rf"{re.escape(head)}(?=\s+(?:of|who)\b))")
        other = someone.search(self.text, start, max(until, start))
        if other is not None and not re.fullmatch(r"[\s,]*", self.text[start:other.start()]):
            return True  # (not their own apposition: "said Tom Smith, a local teacher")
        reported = re.compile(rf"\b[Tt]he\s+(?:[a-z][\w\-]*\s+)?{re.escape(head)}\b")
        here = reported.search(self.text, sentence, max(until, sentence))
        return here is not None and _SPEAKS.search(self.text, sentence, here.start()) is not None

    def _nearest_subject(self, position: int, para: int, fits, want: Gender = "?") -> str | None:
        """The nearest subject before ``position`` in reach when it ``fits``; else the subject of the next sentence,
        in its paragraph, when it fits; or None. With no subject in reach, one a paragraph further whose gender is
        ``want`` when a "she" (or "he") stands for them since."""
        lowest = para - 1 if any(mt.para == para - 1 for mt in self.items) else para - 2
        before = [mt for mt in self.items if mt.position < position and lowest <= mt.para <= para]
        if want != "?" and not any(mt.subject for mt in before):  # "Gwyneth Paltrow spoke … ¶ The Goop founder
            # offered remarks about Ben Affleck, whom she dated. ¶ “…,” the actress said": the "she" of the paragraph
            # between, named one paragraph further
            earlier = [mt for mt in self.items if mt.position < position and mt.para == lowest - 1 and mt.subject]
            between = self.text.find("\n", earlier[-1].position, position) if earlier else -1  # after their paragraph
            pronoun = _SHE_WORD if want == "f" else _HE_WORD
            if between >= 0 and self.may_be(earlier[-1].name, want) and \
                    pronoun.search(self.unquoted, between, position):
                before = earlier
        for mt in reversed(before):
            if mt.subject:
                if self.unnamed_between(mt.position, position):
                    return None  # "another employee ... said the worker": the one described since, not named
                return self.fullest(mt.name, position) if fits(mt) else None
        return self._next_subject(position, para, fits)

    def add_described(self, spans: list[tuple[int, int, int]], quoted: Sequence[tuple[int, int]]) -> None:
        """Count a sentence opening on a description of a person the article named ("Hours earlier, the ayatollah
        had ...") as a mention of that person, the sentence's subject: a later "he" may stand for them; keep one
        opening on a person it does not name ("A spokesperson for the union said") as such."""
        starts = [qs for qs, _ in quoted]
        para_starts: dict[int, int] = {}  # where each paragraph's first sentence starts
        for para, s, _ in spans:
            para_starts.setdefault(para, s)
        added = []
        for para, s, e in spans:
            k = bisect_right(starts, s) - 1
            if k >= 0 and s < quoted[k][1]:
                continue
            m = _DESCRIBED_SUBJECT.match(self.text, s, e)
            person = self._described_person(m, para) if m is not None else None
            if person is not None:
                added.append(Mention(m.start("desc"), para, person, None, "?", True))  # type: ignore[union-attr]
                continue
            u = _UNNAMED_SUBJECT.match(self.text, s, e)
            trail = _TRAILING_SAID.search(self.text, s, e)
            if trail is not None and any(trail.start("spk") <= mt.position < trail.end("spk") for mt in self.items):
                continue  # "The gunman fled on foot, Chief Tom Walsh said.": the chief is its subject
            if u is not None and _low(u.group("head")) in PERSON_DESCRIPTION_HEADS and \
                    not (u.group("lead") and u.group("lead").istitle()) and \
                    not (u.group("desc")[:3].lower() == "the" and is_epithet(u.group("desc")) and
                         not (u.group("named") and names_the_object(self.text[s:u.end("object")], u.group("named")))
                         and not (self.unnamed_between(para_starts.get(para - 1, para_starts[para]), s) and
                                  self.described(u.group("desc"), u.start("desc"), para) is None)
                         ) and \
                    not any(u.end("desc") < mt.position <= u.end("desc") + 3 or
                            u.group("named") and u.start("named") == mt.position and mt.subject and
                            not names_the_object(self.text[s:u.end("object") if u.group("object") else u.end("desc")],
                                                 u.group("named")) for mt in self.items):
                # not "Ryan Tucker, an attorney ...", the apposition of a name ("A nurse from Leeds, Jane Doe, was"
                # too); nor "the first son", an epithet
                # of the person quoted last; nor "Smith's lawyer, John Doe, said", whom the sentence names
                self.unnamed_subjects.append(UnnamedSubject(u.start("desc"), e, para,
                                                            description_gender(u.group("head"))))
        self.items = sorted(self.items + added, key=lambda mt: mt.position)
        self._not_interviewers = None

    def _described_person(self, m: re.Match, para: int) -> str | None:
        """The named person a sentence's opening description stands for ("the ayatollah"), or None (also for one
        the sentence qualifies as someone else: "The owner of the shop, who did not want to be named,")."""
        desc, head = m.group("desc"), _low(m.group("head"))
        another = _OF_ANOTHER_NAMED.match(self.text, m.end("desc"))
        if _QUALIFIED.match(self.text, m.end("desc")) or \
                another is not None and names_the_object(desc + another.group("object"), another.group("name")):
            return None  # (nor "The agent of the player, Jorge Mendes, said": the name in apposition, or the player)
        if _AGE.match(head) and not _AGED.search(self.text, 0, m.start("desc")):
            return None  # "The 87-year-old mother of Labour MP Grahame Morris": an age the text gives no one
        if head in ROLE_WORDS or head in _LEADER_NOUNS:
            return self.resolve(desc, m.start("desc"), para)
        return self.described(desc, m.start("desc"), para) if is_epithet(desc) else None

    def described_last(self, position: int, para: int, want: Gender) -> UnnamedSubject | None:
        """The last sentence subject before ``position`` (in its paragraph or the one before) when it describes a
        person it does not name whom a "he" (``want`` m) or "she" may be ("A spokesperson for the union
        said ... “…,” he said": not the person quoted before), past subjects who cannot be that "she" ("The woman, then
        25, told Ailes .... Ailes invited her .... “…,” she said"); None otherwise."""
        last = next((u for u in reversed(self.unnamed_subjects) if u.start < position), None)
        if last is None or last.para < para - 1 or last.gender not in ("?", want):
            return None
        since = [mt for mt in self.items if last.end <= mt.position < position]
        if any(mt.subject for mt in since) and (
                any(mt.subject and self.may_be(mt.name, want) for mt in since) or
                any(self.known_gender(mt.name) == want for mt in since)):
            return None  # (a subject since, unless none may be the "she" and no woman is named since: "Thornton
            # will be joined by Lucy Vance …. She posted: “…”": Vance)
        return last

    def unnamed_between(self, start: int, end: int) -> bool:
        """Whether a sentence between two places is about someone it does not name ("Another employee ...")."""
        return bool(_UNNAMED_PERSON.search(self.text, start, end))

    def _next_subject(self, position: int, para: int, fits) -> str | None:
        """The person named next, when that is the subject of the sentence after ``position``'s, in its paragraph."""
        after = next((mt for mt in self.items if mt.position > position), None)
        if after is not None and after.para == para and after.subject and fits(after) and \
                len(re.findall(r"[.!?][\"\u201d\u2019]?\s", self.text[position:after.position])) < 2:
            return self.fullest(after.name)
        return None

    def with_role_word(self, word: str, position: int, para: int) -> str | None:
        """The last person named before ``position``, in its paragraph or the one before, with ``word`` in a role
        written with them or in an apposition after the name ("John Banky, Ben's older brother, spoke ... “…,” said
        his brother": John Banky)."""
        apposition = re.compile(rf",\s+[^,.;:!?\"\u201c\u201d]{{0,40}}\b{re.escape(word)}\b")
        for mt in reversed(self.items):
            if mt.position >= position or not para - 1 <= mt.para <= para:
                continue
            at = self.text.find(mt.name, mt.position)
            if any(word in _low(role).split() for role in self.roles_of(mt.name)) or \
                    at >= 0 and apposition.match(self.text, at + len(mt.name)):
                return self.fullest(mt.name, position)
        return None

    def _role_fits(self, name: str, content: list[str]) -> bool:
        """Whether a person's roles share a word with a description and hold its head, its last role word ("the
        interior secretary": secretary), or share any word when it names a leader."""
        roles = self.role_words(name)
        under = {(_low(a), _low(b)) for role in self.roles_of(name)
                 for a, b in itertools.pairwise(role.split()) if _low(a) in _UNDER_QUALIFIERS}
        office_of = content[content.index("of") + 1:] if "of" in content else []  # ("the secretary of state" is no
        # Secretary of the Treasury)
        if not roles or not content or any(b in content and a not in content for a, b in under) or \
                not set(office_of) - {"the"} <= roles:
            return False  # ("Shadow chancellor Mel Stride" is no "chancellor", a vice president no "president"; a
            # deputy prime minister is still "the minister")
        if set(content) - _PARTY_OR_PLACE <= {_TITLE_WORDS.get(w, w) for w in roles}:
            return True  # "the professor" of "Prof James Okonkwo", "the Republican governor" of "Gov. Linda Barrow"
            # (not "the union representative" of "Rep.")
        head = next((w for w in reversed(content) if w in ROLE_WORDS or w in _LEADER_NOUNS), content[-1])
        shared = set(content) & roles
        return bool(shared) and (head in shared or bool(set(content) & _LEADER_NOUNS))


# Heads of the descriptions news writing uses for an organisation it has named ("the company", "the ministry").
ORG_NOUNS = frozenset({
    "company", "firm", "group", "ministry", "agency", "department", "bank", "government", "retailer", "operator",
    "organisation", "organization", "network", "union", "party", "council", "committee", "club", "team",
    "carmaker", "automaker", "airline", "chain", "business", "corporation", "watchdog", "regulator", "charity",
    "administration", "broadcaster", "publisher", "giant", "lender", "insurer", "manufacturer", "maker", "startup",
    "campaign", "office", "association", "board", "partnership", "venture", "fund", "studio", "label", "service",
    "panel", "court", "tribunal", "commission", "authority", "newspaper", "paper", "magazine", "trust", "foundation",
    "hospital", "university", "college", "institute", "museum",
})
# Descriptions that fit any organisation named before them ("Macy's ... the company"); the others ("the committee")
# only one whose name holds them.
_ANY_ORG_NOUNS = frozenset({"company", "firm", "group", "business", "retailer", "chain", "carmaker", "automaker",
                            "airline", "lender", "insurer", "network", "publisher", "broadcaster", "giant", "operator",
                            "maker", "manufacturer", "startup", "corporation", "organisation", "organization"})
# Company suffixes that ORG_WORDS leaves out (too short to be sure of in a speaker phrase): an organisation here
_ORG_SUFFIX = frozenset({"co", "llc", "plc", "gmbh", "ag", "sa"})
# Nouns of an organisation's kind a name may follow ("The charity Mind", "the band Coldplay")
_KIND_WORDS = ORG_NOUNS | {"band", "brand"}
_KIND_WORD_ALT = "|".join(sorted(_KIND_WORDS))
# Kinds of business a name of any shape may bear ("the bank": Goldman Sachs; ``subject_of_kind``): those of
# _ANY_ORG_NOUNS, and others no name need hold; not those a name holds ("the ministry", "the council", "the court")
_KIND_NOUNS = frozenset({"company", "firm", "group", "bank", "retailer", "operator", "network", "club", "team",
                         "carmaker", "automaker", "airline", "chain", "business", "corporation", "watchdog",
                         "regulator", "charity", "broadcaster", "publisher", "giant", "lender", "insurer",
                         "manufacturer", "maker", "startup", "studio", "label", "newspaper", "paper", "magazine"})
# Nouns after a capitalised run that make it an event's name ("its annual Camp Strava event")
_EVENT_NOUNS = frozenset({"event", "events", "conference", "summit", "festival", "exhibition", "expo", "fair",
                          "movement"})  # (the "Resist Trump movement" is no one)
# A determiner and the noun of a work a title follows ("his musical La La Land"; not a verb: "records show Ann
# Cole"; not "book": "In the book Michelle Obama describes")
_WORK_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|my|our|your|new|latest)\s+(?:film|movie|musical|album|"
                          r"song|single|novel|memoir|show|series|sitcom|documentary|play|opera|podcast|painting|poem)\s+$",
                          re.IGNORECASE)
# Nouns after a possessive that make the possessive the subject's owner ("Pakistan's military has")
_FORCES = frozenset({"military", "army", "navy", "police", "forces", "troops", "officials", "leaders"})
# A place's organisation after its possessive: "(China's) foreign ministry", "(Turkey's) central bank"
_PLACE_ORG_NOUNS = "|".join(sorted(ORG_NOUNS | {"treasury", "embassy"}))
_PLACE_ORG = re.compile(rf"(?P<phrase>(?:[a-z][\w\-]*\s+){{0,2}}?(?:{_PLACE_ORG_NOUNS}))"
                        r"(?=\s+[a-z]|[,.;:])")  # (not "Iran's official news agency IRNA said": its name follows)
# A capitalised subject opening a sentence or clause, followed by a lower-case word (its verb).
_SUBJECT_RUN = re.compile(rf"(?:The\s+)?(?P<name>{_WORD}(?:\s+(?:of\s+|&\s+)?{_WORD}){{0,5}})\s+(?=[a-z])")


@dataclass(frozen=True)
class OrgMention:
    position: int
    para: int
    name: str  # as written, with its article ("the White House", "Macy's"), or a description ("the committee")
    named: bool = True  # a name, not a description
    medium: bool = False  # named after a noun of the press ("daily Eleftherotypia"): "the paper" may stand for it
    document: str | None = None  # the document it issued here ("a statement from the Indian government")
    person: bool = False  # a name the article gives a person, here only as the issuer of a document


# The press: a name written after one of these nouns ("Centre-left daily Eleftherotypia warned") is a medium's,
# and "the paper" or "the newspaper" after it may stand for it.
_PRESS_NOUNS = frozenset({"daily", "newspaper", "paper", "weekly", "tabloid", "magazine", "broadcaster"})
_PRESS_NAMED = re.compile(rf"[^,.;:!?\"\u201c\u201d]{{0,40}}?\b(?:{'|'.join(sorted(_PRESS_NOUNS))})\s+"
                          rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})\s+(?=[a-z])")
# An organisation speaking through a document a sentence opens on: "A statement from Waitrose said"
_ISSUED = (r"(?P<document>statement|letter|release|press release|report|email|memo|note)\s+(?:from|by|issued by)\s+"
           rf"(?P<name>(?:the\s+)?{_WORD}(?:\s+(?:of\s+|&\s+)?{_WORD}){{0,4}}")
_ISSUED_BY = re.compile(rf"(?:A|An|The)\s+{_ISSUED})\s+(?=[a-z])")
# A document and its issuer anywhere in a sentence, the issuer's head noun too: "..., according to a statement from
# the Indian government."
_ISSUER_NOUNS = "|".join(sorted(ORG_NOUNS | {"navy", "army", "military", "police"}))
_ISSUED_ANYWHERE = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+{_ISSUED}(?:\s+(?:{_ISSUER_NOUNS}))?)(?=\s+[a-z]|\s*[,.;:!?]|$)")
# A name a sentence or clause opens on that issues a document: "Gordon Advisors issued a statement Tuesday"
_ISSUES = re.compile(rf"(?:The\s+)?(?P<name>{_WORD}(?:\s+(?:of\s+|&\s+)?{_WORD}){{0,5}})\s+(?:has\s+|had\s+)?"
                     r"(?:issued|released|put\s+out|sent\s+out|published)\s+(?:an?\s+|its\s+)?(?:[a-z]+\s+)?"
                     r"(?P<document>statement|letter|release|report|email|memo|note)\b")
# An organisation a sentence or clause opens on without naming it: "The committee told", "The special panel said"
_DESCRIBED_ORG = re.compile(r"(?P<org>[Tt]he\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z]+))\s+(?=[a-z])")


def find_organisations(text: str, spans: list[tuple[int, int, int]], quoted: list[tuple[int, int]],
                       people: Mentions) -> list[OrgMention]:
    """Organisations an article makes the subject of a sentence or a clause outside its quotes ("Macy's will
    close", "The Interior Ministry said"): a name holding an organisation word, an acronym, a company suffix
    or the shape of a shop's name ("Macy's"), and no person the article names; and the issuer of a document
    anywhere ("according to a statement from the Indian government")."""
    found: list[OrgMention] = []
    starts = [qs for qs, _ in quoted]
    for para, s, e in spans:
        for st in [s] + [s + c.end() for c in re.finditer(r",\s+", text[s:e])]:
            if _inside(starts, quoted, st):
                continue
            m = _SUBJECT_RUN.match(text, st, e)
            name = m.group("name").replace("\u2024", ".") if m else ""
            described = _DESCRIBED_ORG.match(text, st, e)
            after = (text[m.end():m.end() + 20].split() or [""])[0].lower().rstrip(",.;:") if m else ""
            owner = m is not None and POSSESSIVE.search(name) is not None and after in ORG_NOUNS | _FORCES
            place_org = _PLACE_ORG.match(text, m.end(), e) if m and not owner and " " not in name and \
                POSSESSIVE.search(name) and POSSESSIVE.sub("", _low(name)) in _PLACES else None
            if m and _is_org(name, people) and not owner:  # not "Pakistan's" of "Pakistan's military has": the owner of
                # the subject (but "Macy's will close")
                the = text[m.start():m.start("name")].strip()
                found.append(OrgMention(m.start(), para, f"{the.lower()} {name}".strip() if the else name))
            elif m and place_org is not None:  # "China's foreign ministry was angry. It said": the ministry, not
                # "China's"
                found.append(OrgMention(m.start(), para, f"{name} {place_org.group('phrase')}"))
            elif described is not None and described.group("noun") in ORG_NOUNS:  # "The committee told"
                found.append(OrgMention(st, para, described.group("org").lower(), False))
            elif (issued := _ISSUED_BY.match(text, st, e)) is not None and \
                    surname(issued.group("name")) not in people.full:  # "A statement from Waitrose said"
                found.append(OrgMention(issued.start("name"), para, issued.group("name"),
                                        document=issued.group("document")))
            elif (issues := _ISSUES.match(text, st, e)) is not None:  # "Gordon Advisors issued a statement"
                found.append(OrgMention(issues.start("name"), para, issues.group("name"),
                                        document=issues.group("document"),
                                        person=surname(issues.group("name")) in people.full))
            elif (press := _PRESS_NAMED.match(text, st, e)) is not None and \
                    surname(press.group("name")) not in people.full:
                found.append(OrgMention(press.start("name"), para, press.group("name"), medium=True))
        at = {o.position for o in found}  # and the issuer of a document anywhere in the sentence
        found.extend(OrgMention(m.start("name"), para, m.group("name"), document=m.group("document"))
                     for m in _ISSUED_ANYWHERE.finditer(text, s, e) if m.start("name") not in at and
                     not _inside(starts, quoted, m.start()) and surname(m.group("name")) not in people.full)
    return sorted(found, key=lambda o: o.position)


# A verb after a sentence's subject ("Deloitte has been fined", "Goldman Sachs estimates", "Twitter at the time
# said")
_SUBJECT_VERB_NEXT = re.compile(r"(?:\s+(?:at\s+the\s+time|on\s+[A-Z][a-z]+day|last\s+(?:week|month|year)|"
                                r"earlier|later|then))?"
                                r"\s+(?:has|have|had|is|are|was|were|will|would|could|can|may|might|should|must|"
                                r"did|does|also|said|told|[a-z]+ed|[a-z]+s)\b")
# A time opening a sentence before its subject: "In 2013,", "Last year,", "On Monday,"
_TIME_OPENING = re.compile(r"(?:(?:In|On|Since|By)\s+(?:\d{4}|[A-Z][a-z]+day|[A-Z][a-z]+\s+\d{4})|"
                           r"(?:Last|This|Earlier\s+this)\s+(?:week|month|year)),\s+")
# Capitalised words in a sentence that name no organisation a kind of business may stand for
_NO_ORGS = frozenset({"US", "UK", "USA", "Easter", "Christmas", "New Year", "Ramadan", "Thanksgiving"})


def subject_of_kind(text: str, spans: list[tuple[int, int, int]], people: Mentions, noun: str, position: int,
                    para: int) -> str | None:
    """The organisation a description by its kind of business (``noun``: "the bank", "the airline", "the
    chipmaker"; ``_KIND_NOUNS``) at ``position`` stands
    for when the article names it by a name of no organisation's shape ("Goldman Sachs estimates …", "Rolls-Royce
    raised its forecast"): the one capitalised sentence subject before it, in its paragraph or the one before, that
    is no person (no gender, role, title, age or first name the article gives it: "Chief executive Michael O'Leary
    said") nor a place, when its sentence names nothing else that may be one ("Ofcom fined Ryanair": either); None
    when there are two ("Ryanair has been fined …. O'Leary has called the ruling absurd": a surname may be either)."""
    if noun not in _KIND_NOUNS and not noun.endswith("maker"):
        return None
    found: set[str] = set()
    named = {mt.position for mt in people.items}
    for sp_para, s, e in spans:
        if s >= position or not para - 1 <= sp_para <= para:
            continue
        opener = _TIME_OPENING.match(text, s, e)  # ("In 2013, Yahoo was hacked")
        st = opener.end() if opener else s
        m = _SUBJECT_RUN.match(text, st, e)
        if m is None or m.start("name") != st and text[s:m.start("name")].strip() != "The":
            continue
        name = m.group("name")
        words = name.split()
        if " " not in name and any(f != name for f in people.full.get(surname(name), ())) or \
                people.gender_of(name) != "?" or people.named_gender.get(people.person_key(name), "?") != "?" or \
                people.roles_of(name) or any(first_name_gender(w) != "?" for w in words[:-1] or words) or \
                _low(words[0]) in HONORIFIC_GENDER or _low(words[0]) in HONORIFICS or _low(words[0]) in ROLE_WORDS or \
                people.age_of(name) is not None or is_place_name(POSSESSIVE.sub("", name)) or \
                POSSESSIVE.sub("", _low(words[0])) in NOT_NAME:
            continue  # a person ("Tim Cook said", "Abedin also sent"), a place, a sentence's opening word
        if len(words) > 3 or POSSESSIVE.search(name) or not _SUBJECT_VERB_NEXT.match(text, m.end("name")) or \
                len(words) == 1 and name.endswith("s") and not name.endswith("ss") and not people.is_name(name):
            return None  # (no name: "Conservative leader Nikos Dendias urged", "Shares of Boeing fell", "Fans booed",
            # "McLaren's hopes faded")
        runs = [r for r in _NAME_RUN.finditer(text, m.end(), min(e, position)) if r.start() not in named]  # (not a
        # person: "…, chief executive Oliver Blume"; nor a name after the description: "Yahoo was hacked, and the
        # company said that “all Yahoo user accounts were affected”")
        if any(not is_place_name(w) and w.replace(".", "") not in _NO_ORGS and _low(w.split()[0]) not in NOT_NAME
               for w in (r.group().rstrip(".") for r in runs)):
            return None
        found.add(name)
    return next(iter(found)) if len(found) == 1 else None


def _inside(starts: list[int], quoted: list[tuple[int, int]], at: int) -> bool:
    k = bisect_right(starts, at) - 1
    return k >= 0 and at < quoted[k][1]


def names_ship(phrase: str) -> bool:
    """Whether a phrase names a ship: a ship's prefix in capitals before a name ("the Indian INS Mysore")."""
    words = phrase.split()
    return any(w.isupper() and _low(w) in _SHIP_PREFIXES for w in words[:-1])


def _is_org(name: str, people: Mentions) -> bool:
    words = name.split()
    low = [_low(w) for w in words]
    if POSSESSIVE.sub("", low[0]) in NOT_NAME or surname(name) in people.full or surname(name) in people.gender \
            or names_ship(name):
        return False
    if any(w in ORG_WORDS or w in _ORG_SUFFIX for w in low) or any(len(w) > 1 and w.isupper() for w in words):
        return True
    return len(words) == 1 and bool(POSSESSIVE.search(words[0])) and POSSESSIVE.sub("", low[0]) not in _PLACES
    # ("Macy's will close": a shop's name; not "Beijing's show of neutrality", a place's)


def resolve_organisation(orgs: list[OrgMention], position: int, para: int, noun: str | None = None) -> str | None:
    """The organisation "the <noun>" ("the company") or "it" (no noun) at ``position`` stands for: the nearest
    one named as the subject of a sentence in its paragraph or the one before, whose name holds the noun unless
    it fits any ("the ministry": "the Interior Ministry"; "the company": "Macy's"; "the paper": one named after a
    noun of the press, "daily Eleftherotypia"); for "it", also one described
    so ("The committee told ... It pointed out"), which is in turn the organisation named before it that fits;
    or None."""
    near = [o for o in orgs if o.position < position and para - 1 <= o.para <= para and (o.named or noun is None)
            and not o.person]
    if noun is not None:
        fitting = [o.name for o in near if noun in _ANY_ORG_NOUNS and not (
                       noun in _BUSINESS_NOUNS and _PUBLIC_BODY_WORDS & set(o.name.lower().split())) or
                   noun in o.name.lower().split() or o.medium and noun in _PRESS_NOUNS]
        return fitting[-1] if fitting else None
    if not near or near[-1].named:
        return near[-1].name if near else None
    return resolve_organisation(orgs, near[-1].position, near[-1].para, near[-1].name.split()[-1]) or near[-1].name


# Descriptions of a business, which no public body is ("The European Commission fined Apple. ¶ “…,” the company
# said": not the Commission's)
_BUSINESS_NOUNS = frozenset({"company", "firm", "business", "retailer", "chain", "carmaker", "automaker", "airline",
                             "lender", "insurer", "publisher", "broadcaster", "maker", "manufacturer", "startup",
                             "corporation", "giant", "operator"})
_PUBLIC_BODY_WORDS = frozenset({"commission", "ministry", "department", "council", "court", "government", "parliament",
                                "police", "authority", "committee", "assembly", "senate", "congress", "tribunal",
                                "nations", "regulator", "inspectorate", "office", "agency", "secretariat"})
# Words that end the name of a business ("Kraft Foods", "Acme Holdings", "Delta Air Lines Inc")
_COMPANY_WORDS = frozenset({"company", "inc", "corp", "ltd", "airlines", "airways", "motors", "foods", "holdings",
                            "industries", "technologies", "enterprises", "pharmaceuticals", "brands", "stores",
                            "supermarkets", "petroleum", "insurance", "logistics", "communications", "electronics"})
_COMPANY_END = "|".join(sorted(_COMPANY_WORDS | _ORG_SUFFIX))
_COMPANY_NAME = re.compile(rf"(?<![\w.])(?:{_WORD}\s+){{1,3}}?(?=[A-Z])(?i:{_COMPANY_END})\b\.?")


def named_company(text: str, position: int) -> str | None:
    """The one business an article names before ``position`` by a company word ("at the Kraft Foods plant"), for
    "the company" when no organisation in reach is a sentence's subject; None when it names none or several."""
    names = _companies_before(text, position)
    return next(iter(names)) if len(names) == 1 else None


def named_with_noun(text: str, position: int, noun: str) -> str | None:
    """The one name of capitalised words holding an organisation's noun ("the MedStar Washington Hospital Center"
    for "the hospital") from the start of the line before ``position``'s (its paragraph and the one before where a
    paragraph is a line; its paragraph alone where a blank line parts them); None for none or several."""
    start = text.rfind("\n", 0, max(text.rfind("\n", 0, position), 0)) + 1
    word = re.escape(noun.capitalize())
    run = rf"(?:[A-Z][\w&'\u2019\-]*\s+){{0,5}}{word}(?:\s+(?:of\s+|for\s+)?[A-Z][\w&'\u2019\-]*){{0,3}}"
    names = {m.group() for m in re.finditer(rf"(?<![\w\-]){run}", text[start:position]) if " " in m.group()}
    return next(iter(names)) if len(names) == 1 else None


def _companies_before(text: str, position: int) -> set[str]:
    """The businesses an article names by a company word before ``position``."""
    return {m.group().rstrip(".") for m in _COMPANY_NAME.finditer(text, 0, position)}


def company_called(text: str, position: int, word: str) -> str | None:
    """The one business an article names before ``position`` whose name opens on ``word`` ("American Airlines" for
    "American said", "Kraft Foods" for "Kraft"); None when it names none, or another name opening on the word
    ("United Airlines" and "United Technologies", "Apple Inc." and "Apple Corps")."""
    names = {name for name in _companies_before(text, position) if name.split()[0] == word}
    if len(names) != 1:
        return None
    name = next(iter(names))
    rivals = {m.group(1) for m in re.finditer(rf"\b{re.escape(word)}\s+([A-Z][\w&'\u2019.\-]*)", text[:position])
              if m.group(1).rstrip(".") not in name.split() and _low(m.group(1)) not in ROLE_WORDS | TITLE_NOUNS}
    return None if rivals else name  # ("Apple Corps" beside "Apple Inc.": either)


def _words(name: str) -> set[str]:
    """The words of a name, without a full stop ("Jr." and "Jr" alike)."""
    return {w.rstrip(".") for w in name.split()}


def _only_generation_added(full: str, name: str) -> bool:
    """Whether a full name is ``name`` with a generation after it ("Jerry Jr." for "Jerry")."""
    words, generation = _without_generation(full.split())
    return bool(generation) and [w.rstrip(".") for w in words] == [w.rstrip(".") for w in name.split()] and \
        not _generation(name)


def _same_generation(fulls: set[str], name: str) -> set[str]:
    """The full names but a namesake's of another generation than ``name`` gives ("Trump": Donald Trump, not Donald
    Trump Jr, when the text names both); all of them when only one generation is named ("LaRocca": Anthony LaRocca
    III), or the other generation's is no one else's name ("Conway": Kellyanne Conway or George T. Conway III)."""
    same = {f for f in fulls if _generation(f) == _generation(name)}
    bases = {_base_name(f) for f in same}
    return {f for f in fulls if f in same or _base_name(f) not in bases} if same else fulls


def _base_name(name: str) -> str:
    """A name without the generation ending it, full stops aside ("Donald Trump Jr.": "Donald Trump")."""
    return " ".join(w.rstrip(".") for w in _without_generation(name.split())[0])


def _without_generation(words: list[str]) -> tuple[list[str], list[str]]:
    """A name's words without the generation words ending it, and those ("Anthony LaCalamita III": Anthony
    LaCalamita, III; "Jr." and "Jr" alike)."""
    end = len(words)
    while end > 1 and _low(words[end - 1]) in _GENERATIONS:
        end -= 1
    return words[:end], words[end:]


def _generation(name: str) -> str:
    """The generation a name ends on ("Jr", "III"), lower case, or ""."""
    last = name.split()[-1].lower().strip(".,") if name.split() else ""  # "Jr." and "Jr" alike
    return last if last in _GENERATIONS else ""


def _knight_given(name: str) -> str:
    """The given name of "Sir Keir" or "Dame Judi" (a title and one word), else ""."""
    words = name.split()
    return words[1] if len(words) == 2 and _low(words[0]) in _KNIGHTED else ""


def _peer_surname(name: str) -> str:
    """The surname of a peer called by title and surname, "Lord Baker" or "Baroness Casey", else ""."""
    words = name.split()
    return words[1] if len(words) == 2 and _low(words[0]) in ("lord", "baroness") else ""


def _given_name(name: str) -> str:
    """The first word of a name, past a knight's title ("Sir Keir Starmer": "Keir")."""
    words = name.split()
    return words[1] if len(words) > 2 and _low(words[0]) in _KNIGHTED else words[0]


def surname(name: str) -> str:
    """The key a person is known by: the last word of the name but a generation ("Jr.", "III"), lower case,
    without a possessive."""
    words = _without_generation(name.split())[0]
    return POSSESSIVE.sub("", words[-1] if words else name).lower().strip(".")


_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})



def _surname_only(name: str) -> bool:
    """Whether a name of several words is a surname with its particles ("De Blasio", "van der Meer"), no one named
    in full."""
    *before, _ = name.split()
    return all(_low(w) in NAME_PARTICLES and (w.islower() or _low(w) != "al") for w in before)  # (not "Al Gore")


@dataclass(frozen=True)
class Canonical:
    name: str
    role: str | None


def canonical_people(people: list[tuple[str, str | None]]) -> dict[str, Canonical]:
    """Each name a story gives a person -> one canonical name across outlets (the fullest name written that
    contains it, when only one does: "Mr. Macron" -> "Emmanuel Macron", but "Biden" stays when the story has
    Hunter and James Biden) and the role given most often (the first given, on a tie)."""
    fulls: dict[str, set[str]] = {}
    for name, _ in people:
        if len(name.split()) >= 2 and not _knight_given(name):
            fulls.setdefault(surname(name), set()).add(name)
    chosen: dict[str, str] = {}
    for name, _ in people:
        given = _knight_given(name)  # "Sir Keir": the full names opening on "Keir"
        cands = [f for fs in fulls.values() for f in fs if _given_name(f) == given] if given else \
            sorted(_same_generation({f for f in fulls.get(surname(name), ()) if _words(name) <= _words(f)}, name))
        longest = max(cands, key=len, default=name)
        chosen[name] = longest if all(_words(c) <= _words(longest) for c in cands) else name
    roles: dict[str, Counter[str]] = {}
    for name, role in people:
        if role:
            roles.setdefault(chosen[name], Counter())[role] += 1
    return {n: Canonical(c, roles[c].most_common(1)[0][0] if c in roles else None) for n, c in chosen.items()}


def _names_organisation(words: list[str]) -> bool:
    """Whether a description (lower-case words) ends on an organisation, not a role: "the White House" (no
    "White House press secretary"), but "the secretary of state"."""
    return words[-1] in ORG_WORDS and words[-2] != "of"


def describes(description: str, role: str | None) -> bool:
    """Whether a definite description ("the French president") fits a role ("French President")."""
    if not role:
        return False
    words = [_low(w) for w in description.split()]
    if len(words) < 2 or words[0] != "the" or words[-1] not in ROLE_WORDS or _names_organisation(words):
        return False
    content = set(words[1:]) - {"former", "then", "current", "new"}
    role_words = {_low(w) for w in role.split()}
    return bool(content) and content <= role_words

"""Actor registry (countries, governments, armed groups, organisations, people) and matcher.

The registry is built from ``data/actors/*.yaml`` plus every ISO country from pycountry with
its Arabic/English CLDR name from Babel (see ``data/actors/README.md`` for the format).
Matching runs one Aho-Corasick automaton over normalised aliases (``arabic.normalize``), then
checks word boundaries and Arabic proclitics, picks the longest non-overlapping matches,
resolves context-dependent aliases, adds the country inside government/title aliases, and
turns a bare title into the person holding that role on the article's date.

Modules, one concern each (imports go downwards, no cycles):

- ``model``: Actor, Role, Mention, Registry and the key entries/hits the others pass around
- ``forms``: registry keys, spelling skeletons, nisba inflection, proclitics
- ``words``: the words around a position and the shared word lists (honorifics, given names ...)
- ``templates``: phrases generated per country (state bodies, construct titles, bare bodies, sports)
- ``registry``: loading ``data/actors/`` into a Registry (``load_registry``)
- ``frames``: the registry as the ``actors``, ``actor_roles``, ``actor_links`` tables
- ``sports``: is a sentence about sport
- ``guards``: is a country name the state (places, institutions, works, personal names, teams)
- ``people``: surnames used alone, coreference, the name after a title
- ``duals``: one body per conjunct after a dual head (حزبا الدعوة والفضيلة)
- ``places``: when a city's name (type ``city``, from GeoNames) is the city: place cues, words, clubs
- ``context``: bare state bodies given to the country the context names
- ``credits``: outlets named as a source credit (``بيروت (أ ف ب)``) get the match ``credit``
- ``matcher``: ``find_mentions`` / ``find_title_mentions``, putting the above together
"""

from pipelines.lib.actors.frames import actor_links_frame, actor_roles_frame, actors_frame
from pipelines.lib.actors.matcher import find_mentions, find_title_mentions
from pipelines.lib.actors.model import ACTOR_TYPES, MATCH_KINDS, Actor, Mention, Registry, Role
from pipelines.lib.actors.registry import DEFAULT_DIR, load_registry
from pipelines.lib.actors.sports import is_sports_sentence

__all__ = [
    "ACTOR_TYPES",
    "DEFAULT_DIR",
    "MATCH_KINDS",
    "Actor",
    "Mention",
    "Registry",
    "Role",
    "actor_links_frame",
    "actor_roles_frame",
    "actors_frame",
    "find_mentions",
    "find_title_mentions",
    "is_sports_sentence",
    "load_registry",
]

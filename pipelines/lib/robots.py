"""robots.txt rules per host, for one user agent (RFC 9309 outcomes).

The standard library parser reads the rules; what a fetch outcome means follows RFC 9309:
a 4xx robots.txt (none there) allows everything, a 5xx or an unreachable host disallows
everything for this run. courlan's ``UrlStore`` also stores ``RobotFileParser`` objects, but
its ``get_crawl_delay`` asks for the ``*`` agent only, so a crawl-delay written for our user
agent would be ignored (``tests/lib/test_robots.py`` shows the difference).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

import httpx

MAX_ROBOTS_BYTES = 500_000


@dataclass(frozen=True)
class RobotsRules:
    """What robots.txt of one host says for our user agent."""

    parser: RobotFileParser | None  # None: no rules (allow all) or unreachable (see ``unreachable``)
    unreachable: str | None = None  # why robots.txt could not be read (then nothing is allowed)
    delays: tuple[tuple[str, float], ...] = ()  # (user-agent token, crawl-delay), fractions allowed

    def allowed(self, url: str, user_agent: str) -> bool:
        if self.unreachable is not None:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        # The standard parser only reads whole seconds ("Crawl-delay: 0.5" is common), so the
        # delays are read here, with its rule for matching an agent: the token before "/".
        token = user_agent.split("/")[0].lower()
        for agent, value in self.delays:
            if agent != "*" and agent in token:
                return value
        for agent, value in self.delays:
            if agent == "*":
                return value
        delay = self.parser.crawl_delay(user_agent)
        if delay is None:
            rate = self.parser.request_rate(user_agent)
            if rate is not None and rate.requests:
                return rate.seconds / rate.requests
            return None
        return float(delay)


def _crawl_delays(lines: list[str]) -> tuple[tuple[str, float], ...]:
    delays: list[tuple[str, float]] = []
    agents: list[str] = []
    in_rules = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.split("/")[0].lower())
        elif key:
            in_rules = True
            if key == "crawl-delay":
                try:
                    delays.extend((agent, float(value)) for agent in agents)
                except ValueError:
                    pass
    return tuple(delays)


def parse_robots(text: str) -> RobotsRules:
    lines = text.splitlines()
    parser = RobotFileParser()
    parser.parse(lines)
    return RobotsRules(parser, delays=_crawl_delays(lines))


def fetch_robots(client: httpx.Client, host: str) -> RobotsRules:
    """Read ``host/robots.txt`` (``host`` is ``scheme://netloc``)."""
    try:
        response = client.get(f"{host}/robots.txt")
    except httpx.TimeoutException as exc:
        return RobotsRules(None, unreachable=f"timeout: {exc or type(exc).__name__}")
    except httpx.HTTPError as exc:
        return RobotsRules(None, unreachable=f"connection error: {exc or type(exc).__name__}")
    status = response.status_code
    if 400 <= status < 500:
        return RobotsRules(None)
    if status >= 500:
        return RobotsRules(None, unreachable=f"http {status}")
    body = response.content[:MAX_ROBOTS_BYTES]
    return parse_robots(body.decode("utf-8", errors="replace"))

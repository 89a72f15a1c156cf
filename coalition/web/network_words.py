"""Say an actor's place in the network in words, for the organisation page (numbers come second)."""
from flask_babel import gettext as _
from flask_babel import ngettext

from ..i18n import lazy_gettext as _l
from ..network import ActorPlace, PartnerGroup

__all__ = ["SECTOR_IN_WORDS", "place_in_words"]

# A sector inside a sentence ("links civil society in Solbacka to the public sector").
SECTOR_IN_WORDS = {
    "private": _l("business"),
    "public": _l("the public sector"),
    "civil": _l("civil society"),
    "academic": _l("academia"),
}


def _group(group: PartnerGroup, names: dict) -> str:
    sector = SECTOR_IN_WORDS.get(group.sector)
    place = names.get(group.neighbourhood) if group.neighbourhood is not None else None
    if sector and place:
        return _("%(sector)s in %(place)s", sector=sector, place=place)
    if sector:
        return str(sector)
    if place:
        return _("actors in %(place)s", place=place)
    return _("a mixed group of actors")


def _rank(place: ActorPlace) -> str:
    if place.partners == 0:
        return _("It has no ties yet: invite it to a meeting with the others.")
    for top in (5, 10):
        if place.rank <= top < place.actors:
            return ngettext("One of the %(num)d best-connected actors: it works with %(partners)d of the %(actors)d.",
                            "One of the %(num)d best-connected actors: it works with %(partners)d of the %(actors)d.",
                            top, partners=place.partners, actors=place.actors)
    if place.share_above <= 0.25:
        return _("Among the best-connected quarter of actors: it works with %(partners)d of the %(actors)d.",
                 partners=place.partners, actors=place.actors)
    if place.share_above >= 0.75:
        return ngettext("On the edge of the network: it works with %(num)d actor, fewer than most do.",
                        "On the edge of the network: it works with %(num)d actors, fewer than most do.", place.partners)
    return _("It works with %(partners)d of the %(actors)d actors, about as many as most.",
             partners=place.partners, actors=place.actors)


def place_in_words(place: ActorPlace | None, names: dict) -> list[str]:
    """Return sentences that say where the actor stands; ``names`` maps neighbourhood ids to names."""
    if place is None:
        return []
    said = [_rank(place)]
    groups = place.groups
    if place.broker and len(groups) > 1:
        said.append(_("A broker: it links %(first)s to %(second)s. If it leaves, they lose that link.",
                      first=_group(groups[0], names), second=_group(groups[1], names)))
    elif place.broker:
        said.append(_("A broker: if it leaves, some actors lose their shortest link to each other."))
    elif groups:
        said.append(_("It works mostly with %(group)s.", group=_group(groups[0], names)))
    if place.circle == "open":
        said.append(_("Its partners mostly do not know each other: it hears news from several sides and can pass "
                      "ideas between them."))
    elif place.circle == "closed":
        said.append(_("Its partners mostly know each other: a close circle, where new contacts would widen its view."))
    return said

from .association_membership import AssociationMember, AssociationVerification
from .base import COUNTRIES, LocalizedQuerySet
from .directory import DirectoryPage, PartnershipIndexPage, RegistrationPage
from .join_request import JoinRequest, JoinStatus
from .member_session import MemberSession
from .membership import Invitation, Membership, MembershipQuerySet, Role
from .municipality import Municipality, MunicipalityQuerySet
from .partnership import JointProject, Partnership, ProjectStatus, Stage
from .sector_links import SectorNeed, SectorOffer, with_sectors
from .taxonomy import (
    POPULATION_BANDS,
    Kind,
    Language,
    NationalAssociation,
    PartnerOrganisation,
    Programme,
    Sector,
    population_band_of,
)

__all__ = [
    "with_sectors",
    "AssociationMember",
    "AssociationVerification",
    "COUNTRIES",
    "DirectoryPage",
    "JointProject",
    "Invitation",
    "JoinRequest",
    "JoinStatus",
    "Kind",
    "Language",
    "Membership",
    "MemberSession",
    "MembershipQuerySet",
    "LocalizedQuerySet",
    "Municipality",
    "MunicipalityQuerySet",
    "NationalAssociation",
    "POPULATION_BANDS",
    "population_band_of",
    "PartnerOrganisation",
    "Partnership",
    "PartnershipIndexPage",
    "Programme",
    "ProjectStatus",
    "RegistrationPage",
    "Role",
    "Sector",
    "SectorNeed",
    "SectorOffer",
    "Stage",
]

# Interest and mutual matches (issue 12, community/interests.py).
from .interest import Interest, Match, MemberLanguage, Stance  # noqa: E402

__all__ += ["Interest", "Match", "MemberLanguage", "Stance"]

# Conversations between matched municipalities (issue 12, community/conversations.py).
from .conversation import (  # noqa: E402
    Block,
    Conversation,
    Message,
    MessageAttachment,
    MessageReport,
    ReadState,
)

__all__ += ["Block", "Conversation", "Message", "MessageAttachment", "MessageReport", "ReadState"]

# The partnership lifecycle (issue 12, community/partnerships.py).
from .partnership import PartnershipStatus  # noqa: E402
from .stage_change import ChangeStatus, StageChange  # noqa: E402

__all__ += ["ChangeStatus", "PartnershipStatus", "StageChange"]

from .base import COUNTRIES, LocalizedQuerySet
from .directory import DirectoryPage, PartnershipIndexPage, RegistrationPage
from .join_request import JoinRequest, JoinStatus
from .member_session import MemberSession
from .membership import Invitation, Membership, MembershipQuerySet, Role
from .municipality import (
    POPULATION_BANDS,
    Kind,
    Municipality,
    MunicipalityQuerySet,
    population_band_of,
)
from .partnership import JointProject, Partnership, ProjectStatus, Stage
from .sector_links import SectorNeed, SectorOffer
from .taxonomy import Language, NationalAssociation, PartnerOrganisation, Programme, Sector

__all__ = [
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

"""Models of the network app: the service directory (provider.py) and referrals (referral.py)."""

from reintegra.network.models.provider import Offer, Provider, ProviderCategory
from reintegra.network.models.referral import Referral, ReferralStatus, ReferralTransition, allowed_next

__all__ = ["Offer", "Provider", "ProviderCategory", "Referral", "ReferralStatus", "ReferralTransition", "allowed_next"]

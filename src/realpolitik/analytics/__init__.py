"""Relationship analytics over stories: dyads over time, the signed network and its blocs, claims."""
from __future__ import annotations

from .claims import claims
from .dyad import dyad, reciprocity
from .network import blocs, dyad_weights, network, signed_graph

__all__ = ["blocs", "claims", "dyad", "dyad_weights", "network", "reciprocity", "signed_graph"]

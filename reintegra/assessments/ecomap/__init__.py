"""The network map (ecomap) drawn as SVG on the server.

The client sits in the centre; the four sectors are the quadrants (family top left,
friends top right, work bottom right, professional helpers bottom left); three rings
give closeness (1 = closest, inner). Tie quality is the line style, so that a black
and white print still tells them apart: strong = thick solid, weak = dashed,
stressful = zigzag with a "!" mark. Arrows show who supports whom.

Labels must stay legible: every node gets a label box (its dot and the name beside
it, pointing away from the centre); nodes are placed greedily on a grid of
positions inside their sector and ring, each in the free spot closest to an even
spread, so that boxes do not overlap. Up to about 20 persons (also all in one
sector) fit without overlap; beyond the capacity of a ring the least overlapping
spot is taken. The SVG is built with ElementTree, so names are escaped and the
document is well-formed; it uses presentation attributes only (no <style>: the
Content-Security-Policy forbids inline styles).
"""

from reintegra.assessments.ecomap.drawing import render
from reintegra.assessments.ecomap.layout import BANDS, CENTRE, INK, Placed, layout, overlapping_pairs

__all__ = ["BANDS", "CENTRE", "INK", "Placed", "layout", "overlapping_pairs", "render"]

"""Web app (read side): the map of events, drawn on the server as SVG over a shipped world outline.

The outline is Natural Earth's 1:110m countries (public domain), taken once from the `world-atlas`
npm package's TopoJSON and written by `convert` as one SVG path in the same plate carrée projection
as `project` (see `static/SOURCES.md`). Antarctica is left out and the map cut at `LAT_TOP` and
`LAT_BOTTOM`. Regenerate with

    python -m kroniek.web.worldmap path/to/countries-110m.json src/kroniek/web/static/world-110m.svg
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

WIDTH = 1000.0
LAT_TOP, LAT_BOTTOM = 84.0, -58.0
HEIGHT = round(WIDTH * (LAT_TOP - LAT_BOTTOM) / 360, 1)
OUTLINE = "/static/world-110m.svg"
CENTRES = "country-centres.json"  # beside the outline: where an event placed only by its country goes


def project(lat: float, lon: float) -> tuple[float, float]:
    """Longitude and latitude to the outline's coordinates (x from 0 to `WIDTH`, y down from `LAT_TOP`)."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
    return round(x, 2), round(y, 2)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def outline_path(topology: dict, skip: tuple[str, ...] = ("Antarctica",)) -> str:
    """Every country of a TopoJSON `countries` object as one SVG path (relative moves, 0.1 units)."""
    arcs = _arcs(topology)
    parts = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("properties", {}).get("name") in skip:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for refs in polygon:
                ring = _unwrapped(_ring(arcs, refs))
                lons = [lon for lon, _ in ring]
                # a ring across the antimeridian (Russia, Fiji) is drawn twice, once from each side; the
                # outline's view box cuts off what lies beyond
                for shift in (0, *((-360,) if max(lons) > 180 else ()), *((360,) if min(lons) < -180 else ())):
                    parts.append(_subpath([project(max(min(lat, LAT_TOP), LAT_BOTTOM), lon + shift) for lon, lat in ring]))
    return "".join(parts)


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring with no jump of more than half the globe between two points: longitudes beyond ±180."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return out


def _subpath(xy: list[tuple[float, float]]) -> str:
    pts = [(round(x * 10), round(y * 10)) for x, y in xy]
    steps, last = [], pts[0]
    for p in pts[1:]:
        if p != last:
            steps.append(f"{(p[0] - last[0]) / 10:g} {(p[1] - last[1]) / 10:g}")
            last = p
    return f"M{pts[0][0] / 10:g} {pts[0][1] / 10:g}l" + " ".join(steps) + "z" if len(steps) >= 2 else ""


def country_centres(topology: dict) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 code -> (lat, lon) of the centroid of each country's largest polygon, for events placed
    only by their country (the gazetteer gives countries no coordinates). Codes through pycountry."""
    import pycountry

    arcs = _arcs(topology)
    out = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3)) if geometry.get("id") else None
        if country is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        best = None
        for polygon in polygons:
            ring = _unwrapped(_ring(arcs, polygon[0]))
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
                cross = x0 * y1 - x1 * y0
                a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
            if a and (best is None or abs(a) > best[0]):
                lon = cx / (3 * a)
                best = (abs(a), round(cy / (3 * a), 2), round((lon + 180) % 360 - 180, 2))
        if best:
            out[country.alpha_2] = best[1:]
    return dict(sorted(out.items()))


def convert(source: Path, target: Path) -> int:
    """Write the outline SVG `target` from the TopoJSON `source`, and `CENTRES` beside it; returns the
    outline's size in bytes."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    (target.parent / CENTRES).write_text(json.dumps(country_centres(topology), separators=(",", ":")) + "\n",
                                         encoding="utf-8")
    d = outline_path(topology)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" '
           f'width="{WIDTH:g}" height="{HEIGHT:g}">'
           "<!-- Natural Earth 1:110m countries (public domain), via the world-atlas npm package 2.0.2; "
           "see SOURCES.md -->"
           f'<path fill="#e9ece6" stroke="#b5bcb0" stroke-width="0.7" stroke-linejoin="round" vector-effect="non-scaling-stroke" d="{d}"/></svg>\n')
    target.write_text(svg, encoding="utf-8")
    return len(svg.encode())


def spread(x: float, y: float, k: int, step: float) -> tuple[float, float]:
    """The `k`-th of several dots at one place, set on a sunflower spiral around it (k = 0 at the centre)."""
    if k == 0:
        return x, y
    angle = k * 2.39996  # the golden angle: no two dots on one ray
    r = step * math.sqrt(k)
    return round(x + r * math.cos(angle), 2), round(y + r * math.sin(angle), 2)


if __name__ == "__main__":  # pragma: no cover - run once by hand when the outline is replaced
    print(convert(Path(sys.argv[1]), Path(sys.argv[2])), "bytes")


# -- the map page ------------------------------------------------------------------------------------
_CENTRES: dict[str, list[float]] | None = None


def _centres() -> dict[str, list[float]]:
    global _CENTRES
    if _CENTRES is None:
        _CENTRES = json.loads((Path(__file__).parent / "static" / CENTRES).read_text(encoding="utf-8"))
    return _CENTRES

def map_page(view, **filters) -> dict:
    """The timeline's events (same filters) as dots: at their place's coordinates, else at the centre of
    the country that is or holds the place (marked approximate); sized by the killed best estimate. The view is
    fitted to the dots unless `world` is asked for."""
    from .queries import timeline

    world = filters.pop("world", False)
    found = timeline(view, **filters)
    centres = _centres()
    coords = {e.id: (e.lat, e.lon) for e in view.kb.entities if e.lat is not None and e.lon is not None}
    countries = {}
    for e in view.kb.entities:
        code = e.key.split(":", 1)[1] if e.key and e.key.startswith("country:") else None
        if code and (e.id in coords or code in centres):
            countries[code] = e.id
            coords.setdefault(e.id, tuple(centres[code]))
    placed, unplaced, at_place = [], [], {}
    for row in found["rows"]:
        v = view.events[row["id"]]
        loc = view.entities.get(v.location) if v.location else None
        where, approximate = None, False
        if loc is not None and loc.id in coords:
            where, approximate = loc.id, loc.lat is None  # a country: at its centre
        elif loc is not None and loc.country and loc.country in countries:
            where, approximate = countries[loc.country], True
        if where is None:
            unplaced.append(row)
            continue
        x, y = project(*coords[where])
        k = at_place.setdefault(where, 0)
        at_place[where] = k + 1
        best = v.killed.best if v.killed and v.killed.best is not None else (v.killed.low if v.killed else None)
        placed.append({**row, "x": x, "y": y, "k": k, "killed_n": best or 0, "approximate": approximate,
                       "place": view.name(where)})
    if placed and not world:
        xs, ys = [p["x"] for p in placed], [p["y"] for p in placed]
        # at least a region's width: the outline's borders are drawn for the whole world and thicken as it zooms
        w = max(max(xs) - min(xs), 120.0) * 1.3
        h = max(max(ys) - min(ys), 60.0) * 1.3
        w, h = max(w, h * WIDTH / HEIGHT), max(h, w * HEIGHT / WIDTH)  # the outline's proportions
        x0 = min(max((max(xs) + min(xs)) / 2 - w / 2, 0.0), WIDTH - w) if w < WIDTH else 0.0
        y0 = min(max((max(ys) + min(ys)) / 2 - h / 2, 0.0), HEIGHT - h) if h < HEIGHT else 0.0
        box = (round(x0, 1), round(y0, 1), round(min(w, WIDTH), 1), round(min(h, HEIGHT), 1))
    else:
        box = (0.0, 0.0, WIDTH, HEIGHT)
    unit = box[2] / WIDTH  # one pixel of a map drawn WIDTH pixels wide, in outline units
    for p in placed:
        r = 4 + min(14, math.sqrt(p["killed_n"]) * 1.6)
        p["r"] = round(r * unit, 2)
        p["cx"], p["cy"] = spread(p["x"], p["y"], p["k"], 5 * unit)
    placed.sort(key=lambda p: -p["r"])  # big dots first, small ones on top of them
    return {**found, "placed": placed, "unplaced": unplaced, "box": box, "world": world, "outline": OUTLINE,
            "width": WIDTH, "height": HEIGHT, "stroke": round(1.2 * unit, 2)}

"""MCP weather server (the shape of the MCP quickstart): read-only tools against a fixed API host."""
from typing import Any

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")

NWS_API_BASE = "https://api.weather.gov"
USER_AGENT = "acme-weather/1.0"
US_STATES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
}


async def nws_get(path: str) -> dict[str, Any] | None:
    async with httpx.AsyncClient(base_url=NWS_API_BASE, timeout=30.0) as client:
        try:
            response = await client.get(path, headers={"User-Agent": USER_AGENT, "Accept": "application/geo+json"})
            response.raise_for_status()
            return response.json()
        except httpx.HTTPError:
            return None


@mcp.tool()
async def get_alerts(state: str) -> str:
    """Get active weather alerts for a US state (two-letter code, e.g. CA)."""
    code = state.upper()
    if code not in US_STATES:
        return "Unknown state code."
    data = await nws_get(f"/alerts/active/area/{code}")
    if not data or not data.get("features"):
        return "No active alerts for this state."
    return "\n---\n".join(feature["properties"].get("headline", "") for feature in data["features"][:10])


@mcp.tool()
async def get_forecast(latitude: float, longitude: float) -> str:
    """Get the forecast for a location given its latitude and longitude."""
    lat, lon = float(latitude), float(longitude)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return "Coordinates out of range."
    points = await nws_get(f"/points/{lat:.4f},{lon:.4f}")
    if not points:
        return "Unable to fetch forecast data for this location."
    periods = points.get("properties", {}).get("periods", [])[:5]
    return "\n".join(f"{p['name']}: {p['detailedForecast']}" for p in periods) or "No forecast available."


if __name__ == "__main__":
    mcp.run(transport="stdio")

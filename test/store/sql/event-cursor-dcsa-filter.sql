-- query 1
select * from "event" where ("seq" > $1 and "seq" <= $2 and "event_type" in ($3, $4) and (event_classifier_code in ('ACT', 'PLN', 'EST') and (
    (event_type = 'EQUIPMENT' and event_type_code in ('LOAD', 'DISC', 'GTIN', 'GTOT', 'STUF', 'STRP', 'PICK', 'DROP', 'INSP', 'RSEA', 'RMVD')
      and payload->>'emptyIndicatorCode' in ('EMPTY', 'LADEN'))
    or (event_type = 'TRANSPORT' and event_type_code in ('ARRI', 'DEPA')
      and (payload #>> '{transportCall,transportCallID}' is not null or (case
  when vessel_imo_number is not null then left(coalesce(un_location_code, '-') || '/' || coalesce(facility_code, '-')
    || '/' || vessel_imo_number || '/' || coalesce(carrier_voyage_number, '-'), 100)
  when payload->>'modeOfTransport' <> '' and payload->>'visitId' <> '' then left(coalesce(un_location_code, '-')
    || '/' || coalesce(facility_code, '-') || '/' || (payload->>'modeOfTransport') || '/' || (payload->>'visitId'), 100)
  end) is not null))
    or (event_type = 'SHIPMENT' and event_type_code in ('RECE', 'DRFT', 'PENA', 'PENU', 'REJE', 'APPR', 'ISSU', 'SURR', 'SUBM', 'VOID', 'CONF', 'REQS', 'CMPL', 'HOLD', 'RELS')
      and (case
  when payload->>'documentID' is not null and payload->>'documentTypeCode' is not null then payload->>'documentTypeCode'
  when transport_document_reference is not null then 'TRD'
  when carrier_booking_reference is not null then 'BKG' end) is not null))) and "event_type" = $5 and "event_type_code" in ($6, $7) and "event_type" = $8 and "event_type_code" in ($9) and "equipment_reference" = $10 and "transport_document_reference" = $11 and "carrier_booking_reference" = $12 and "vessel_imo_number" = $13 and "carrier_voyage_number" = $14 and "carrier_voyage_number" = $15 and (payload #>> '{transportCall,exportVoyageNumber}' is not null
        or payload #>> '{transportCall,carrierVoyageNumber}' is not null
        or payload #>> '{transportCall,importVoyageNumber}' is null) and payload #>> '{transportCall,importVoyageNumber}' = $16 and payload #>> '{transportCall,carrierServiceCode}' = $17 and "un_location_code" = $18 and "event_type" != $19 and coalesce(payload #>> '{transportCall,transportCallID}', (case
  when vessel_imo_number is not null then left(coalesce(un_location_code, '-') || '/' || coalesce(facility_code, '-')
    || '/' || vessel_imo_number || '/' || coalesce(carrier_voyage_number, '-'), 100)
  when payload->>'modeOfTransport' <> '' and payload->>'visitId' <> '' then left(coalesce(un_location_code, '-')
    || '/' || coalesce(facility_code, '-') || '/' || (payload->>'modeOfTransport') || '/' || (payload->>'visitId'), 100)
  end)) = $20 and "event_created_date_time" >= $21 and "event_created_date_time" < $22 and ("event"."visibility" = 'public' or $23 = any("event"."owner_orgs") or "event"."visibility" = 'community')) order by "seq" limit $24;
-- parameters: ["1200","5000","TRANSPORT","EQUIPMENT","EQUIPMENT","LOAD","DISC","TRANSPORT","ARRI","MSKU7349015","MAEU123456789","BKG123","9321483","401W","401W","400E","TP6","USLAX","SHIPMENT","USLAX/APM/9321483/401W","2026-03-01T00:00:00.000Z","2026-03-02T00:00:00.000Z","maersk",101]

-- query 1
select * from "event" where ("seq" > $1 and "seq" <= $2 and "event_type" = $3 and (event_classifier_code in ('ACT', 'PLN', 'EST') and (
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
  when carrier_booking_reference is not null then 'BKG' end) is not null)))) order by "seq" limit $4;
-- parameters: ["1200","5000","TRANSPORT",101]

-- query 1
select * from "container_status" where exists (select 1 from container_fact cf join event on event.seq = cf.seq
          where cf.equipment_reference = container_status.equipment_reference and ("event"."visibility" = 'public' or $1 = any("event"."owner_orgs") or "event"."visibility" = 'community')) and "status" = $2 and "terminal_code" = $3 and $4 = any(container_status.transport_document_references) and "equipment_reference" > $5 order by "equipment_reference" limit $6;
-- parameters: ["maersk","AVAILABLE","APMT","MAEU123","CSQU3054383",51]

-- query 1
select "id" from "inbox" where "status" = $1 and "id" > $2 order by "id" limit $3;
-- parameters: ["received","4711",1000]

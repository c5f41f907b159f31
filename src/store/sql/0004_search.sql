-- Schema v4: the indexes of the household list, search and dashboard
-- (store_hh_search.c, store_stats.c).
--
-- Clerks search by the last 4 to 6 characters of an ID. LIKE '%1234'
-- cannot use an index, and on a province's millions of persons a scan per
-- search is too slow, so the last 6 characters (birth day DD, the 3-digit
-- sequence, the check character) are indexed as an expression. A 4- or
-- 5-character tail is looked up as an IN list of the 6-character tails it
-- can be the end of (the day's digits are 01-31). Both engines use an
-- expression index only when the query writes the identical expression:
-- store_hh_search.c writes substr(p.id_number, 13, 6) for that reason.
-- store_rebuild.c re-creates the index from the catalogue after a large
-- import like any other.
CREATE INDEX persons_id_tail ON persons (substr(id_number, 13, 6));

-- The list's count, its registration filter and the dashboard's GROUP BY
-- read a region subtree of households: a village-code range that also
-- holds the county and the registration is read without touching the
-- table (households_village, its prefix, stays for the other lookups).
CREATE INDEX households_scope ON households (village_code, county, registration);

-- Active members per household (the list's member count, the dashboard's
-- persons): only current memberships, so counting them reads no history
-- and no table rows.
CREATE INDEX memberships_active ON memberships (household_id) WHERE end_date IS NULL;

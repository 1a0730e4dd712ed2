-- Finders' messages (lost_reports) are read by the product's owner now: when
-- they were read, and a product's messages newest first.
ALTER TABLE lost_reports ADD COLUMN date_read INTEGER;
CREATE INDEX lost_reports_by_product ON lost_reports (id_product, id);

-- Rules 9 and 11 (issue 17): a program's age supplements ("65:500;75:1000", age:分, ascending; empty when none) and
-- how often its recipients certify being alive (0: never). Programs created before keep none of either.
ALTER TABLE program_registry ADD COLUMN age_supplements varchar(200) NOT NULL DEFAULT '';
ALTER TABLE program_registry ADD COLUMN certification_months integer NOT NULL DEFAULT 0;

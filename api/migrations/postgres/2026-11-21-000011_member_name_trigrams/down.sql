DROP INDEX members_name_trgm_idx;

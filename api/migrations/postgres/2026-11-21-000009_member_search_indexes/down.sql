-- The extension stays: it may have been there before, or be used by something else.
DROP INDEX members_name_trgm_idx;

-- Incremental linkage: the exact word index on names (read by every close-spelling search and by
-- the removal of words no name uses any more) without GIN's fast update. With it, new entries wait
-- in a pending list that every search reads through in full, until a vacuum or the insert that
-- fills the list merges it, which that one insert pays for. Without it each insert puts its few
-- words in place at once.
alter index linkage_names_words_idx set (fastupdate = off);
-- What is pending now is merged, so that searches no longer read it.
select gin_clean_pending_list('linkage_names_words_idx'::regclass);

-- Fills the search table from the texts already there, before it is fenced (a migration role that is
-- not a superuser is bound by forced row-level security); afterwards the code that writes an exercise
-- keeps it current (search-rows.ts builds the facets the same way).
INSERT INTO exercise_search (exercise_id, practice_id, language, title, search_vector, facets)
SELECT t.exercise_id, t.practice_id, t.language, t.title, t.search_vector,
       array['region:' || e.body_region, 'position:' || e.position, 'difficulty:' || e.difficulty]
       || array(SELECT 'equipment:' || item FROM unnest(e.equipment) item)
FROM exercise_texts t JOIN exercises e ON e.id = t.exercise_id
WHERE e.archived_at IS NULL
ON CONFLICT (exercise_id, language) DO NOTHING;

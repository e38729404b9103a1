-- Read API: `/v1/courses/{course}/chapters/2.2.1` resolves a section number to its topic.
CREATE INDEX topics_by_section ON topics (section) WHERE section IS NOT NULL;

"""nbgrader configuration for the coursekit course (used by `nbgrader` and `coursekit` commands)."""

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "coursekit"
# Assignments' source notebooks live in exercises/<assignment>/ (the design's layout).
c.CourseDirectory.source_directory = "exercises"
# A cell that runs longer than this is stopped and the submission flagged, not hung.
c.Execute.timeout = 60
# A student who deleted a graded cell gets it back (and loses its points), instead of a crash.
c.OverwriteCells.add_missing_cells = True
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

"""``coursekit`` command line: the instructor workflow (and ``coursekit lab``).

    coursekit release ASSIGNMENT          validate and generate the student version
    coursekit autograde ASSIGNMENT [-j N]  grade every submission in submitted/
    coursekit feedback ASSIGNMENT         feedback HTML per student
    coursekit grades ASSIGNMENT           grades CSV (nbgrader export columns + status) and report
    coursekit demo ASSIGNMENT [--broken]  a demo class's submissions, to try the workflow
    coursekit lab                         JupyterLab on the lessons
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coursekit import grading


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coursekit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="course folder with nbgrader_config.py (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("release", "validate the source, then generate the student version"),
                            ("autograde", "autograde every submission in submitted/"),
                            ("feedback", "generate feedback HTML for graded submissions"),
                            ("grades", "write grades.csv and report.html under reports/")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("assignment", help="assignment folder name under exercises/")
        if name == "autograde":
            command.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                                 help="submissions graded at once (default: number of CPUs)")
    demo = commands.add_parser("demo", help="write a demo class's submissions to submitted/")
    demo.add_argument("assignment")
    demo.add_argument("--students", type=int, default=12, help="ordinary students (default 12)")
    demo.add_argument("--broken", action="store_true",
                      help="also add one submission of each broken kind")
    lab = commands.add_parser("lab", help="open JupyterLab on the lessons")
    lab.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "lab":
        from jupyterlab.labapp import main as lab_main

        extra = ["--allow-root"] if hasattr(os, "getuid") and os.getuid() == 0 else []
        sys.argv = ["jupyter-lab", *extra, *args.args]
        return lab_main() or 0
    try:
        course = grading.Course(args.course)
        if args.command == "release":
            report = grading.release(course, args.assignment)
            print(f"released {args.assignment}: {report['autograded_cells']} autograded cells, "
                  f"{report['points']:g} autograded points; solution full marks, release zero, "
                  f"no leaks -> {report['release']}")
        elif args.command == "autograde":
            results = grading.autograde(course, args.assignment, jobs=args.jobs)
            flagged = [r for r in results if r.status != "graded"]
            print(f"{len(results)} submissions, {len(results) - len(flagged)} graded normally, "
                  f"{len(flagged)} flagged (see `coursekit grades {args.assignment}`)")
        elif args.command == "feedback":
            written = grading.feedback(course, args.assignment)
            print(f"{len(written)} feedback files under {course.root / 'feedback'}")
        elif args.command == "demo":
            from coursekit.demo import make_demo_class

            created = make_demo_class(course, args.assignment, args.students, args.broken)
            print(f"{len(created)} demo submissions in {course.submitted()}")
        elif args.command == "grades":
            from coursekit import report

            csv_path, html_path = report.write_report(course, args.assignment)
            print(f"grades: {csv_path}\nreport: {html_path}")
    except grading.GradingError as exc:
        print(f"coursekit: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

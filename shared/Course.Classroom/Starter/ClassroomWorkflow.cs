using System.Text.RegularExpressions;
using Course.Classroom.Course;

namespace Course.Classroom.Starter;

/// <summary>
/// The GitHub Actions workflow a starter carries: on every push it installs what the tests need, runs the
/// grader, and hands the grader's JSON to GitHub Classroom's reporter, which shows each item and sends the
/// total to the classroom. The reporter reads the result of a step as base64-encoded JSON in an
/// environment variable named after the runner (<c>GRADE_RESULTS</c> for the runner <c>grade</c>).
/// </summary>
public static partial class ClassroomWorkflow
{
    public const string Path = ".github/workflows/classroom.yml";

    public static string Text(IReadOnlyList<string> packages, TimeSpan gradeBound)
    {
        string install = packages.Count == 0 ? "" : $"""
                  - name: Programs the tests use
                    continue-on-error: true
                    run: sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends {string.Join(' ', packages)}

            """;
        return $"""
            # Grades this assignment on every push. The grader restores the tests as handed out (from
            # .classroom/handout), builds, runs every test and scores them; GitHub Classroom's reporter then
            # shows each item and sends the points to the classroom. Your teacher grades again with the course's
            # own copy of the tests, so editing a test (or this file) changes nothing in the real grade.
            name: Autograding Tests
            on:
              push:
              workflow_dispatch:
              repository_dispatch:
            permissions:
              checks: write
              actions: read
              contents: read
            jobs:
              run-autograding-tests:
                name: Autograding Tests
                runs-on: ubuntu-latest
                if: github.actor != 'github-classroom[bot]'
                timeout-minutes: {(int)Math.Ceiling(gradeBound.TotalMinutes) + 15}
                steps:
                  - uses: actions/checkout@v4
                  - uses: actions/setup-dotnet@v4
                    with:
                      global-json-file: global.json
            {install}      - name: Grade
                    id: grade
                    # CI=false: a test whose program could not be installed is skipped, not failed.
                    env:
                      CI: "false"
                    run: |
                      dotnet run --project shared/Course.Classroom -- grade . --json grade.json || true
                      echo "result=$(base64 -w0 grade.json)" >> "$GITHUB_OUTPUT"
                  - name: Autograding Reporter
                    uses: classroom-resources/autograding-grading-reporter@v1
                    env:
                      GRADE_RESULTS: "RESULT_EXPRESSION"
                    with:
                      runners: grade

            """.Replace("RESULT_EXPRESSION", "${{ steps.grade.outputs.result }}", StringComparison.Ordinal);
    }

    /// <summary>
    /// The Debian packages the course's own CI installs (the <c>packages=(...)</c> list in <c>.ci/run</c>),
    /// without the docs tools a starter does not need: one list to keep up to date, not two.
    /// </summary>
    public static IReadOnlyList<string> Packages(CourseTree course)
    {
        if (!course.Exists(".ci/run")) return [];
        Match list = PackageList().Match(File.ReadAllText(course.PathOf(".ci/run")));
        return list.Success
            ? [.. list.Groups[1].Value.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("mkdocs", StringComparison.Ordinal))]
            : [];
    }

    [GeneratedRegex(@"packages=\(([^)]*)\)")]
    private static partial Regex PackageList();
}

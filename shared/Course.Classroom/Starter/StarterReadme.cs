using Course.Classroom.Course;
using Course.Classroom.Exercises;
using Course.Classroom.Grading;

namespace Course.Classroom.Starter;

/// <summary>The README at the top of a student repository: what to do, how to check it, how it is graded.</summary>
public static class StarterReadme
{
    public static string Text(Chapter chapter, IReadOnlyList<ExerciseTest> assigned, IReadOnlyList<Chapter> included, TimeSpan gradeBound)
    {
        string exercises = string.Join("\n", assigned.Select(e =>
            $"| {e.Number} | {e.Title} | `dotnet test {chapter.TestsFolder} --filter {e.Method}` |"));
        int max = Rubric.MaxScore(assigned.Count);
        string chapters = included.Count == 1 ? $"chapter {chapter.Number}" : $"chapters {included[0].Number} to {chapter.Number}";
        return $"""
            # Assignment: chapter {chapter.Number} of "Sockets to Multiplayer"

            This repository holds {chapters} of the course, the tests, and the page of chapter {chapter.Number}
            ([`{chapter.DocsPage}`]({chapter.DocsPage}); a line such as `--8<-- "chapters/..."` there stands for that
            whole file, which the course's website shows in its place). Your assignment is the exercise{(assigned.Count == 1 ? "" : "s")} below, from
            the **Exercises** section at the end of that page: the page says exactly what each one asks.

            | Exercise | Its test checks that | Run only its test |
            |---|---|---|
            {exercises}

            ## What to do

            1. Read the chapter page, then the exercise's text. Run the program as the page shows
               (`dotnet run --project {chapter.Folder} -- --help`).
            2. The exercise tests are already switched on: they fail until your work is done. Run one with the
               command in the table; run everything with `dotnet test Tutorial.sln`.
            3. Change the chapter's code (under `{chapter.Folder}/`, and the docs if the exercise asks) until the
               exercise's test passes **and every other test still passes**. Do not change the tests: the grade
               puts them back as they were handed out. If an exercise changes an output a snapshot test approved
               on purpose, read the difference in `__snapshots__/__mismatch__/` and update the snapshot; say why
               in your commit message.
            4. Commit and push. Every push runs the grader (`{ClassroomWorkflow.Path}`); its result is
               under the Actions tab.

            ## How it is graded

            Your teacher runs the course's grader on this repository. It puts back every test file as handed out,
            builds, runs all the tests and scores:

            - each exercise: {Rubric.ExercisePoints} points when its test passes, 0 otherwise;
            - the rest of the suite: {Rubric.SuitePoints} points, minus {Rubric.Deduction} for each other test that fails (down to 0).

            That is {max} points in all. Your teacher reads the rest: errors a user can cause end in one clear line,
            the code reads well, and written answers where an exercise asks a question.

            See your grade as the grader computes it (at most {gradeBound.TotalMinutes:0} minutes):

            ```sh
            dotnet run --project shared/Course.Classroom -- grade .
            ```

            The workflow runs the same command with the copy of the tests kept in `{Assignment.HandoutFolder}`. That copy,
            and the workflow itself, are in your repository and you could edit them; your teacher's grade does not
            use them.

            ## Set up

            You need the .NET 10 SDK. Some tests start other programs (`nc`, `openssl`, and in later chapters a
            browser, `redis-server`, `haproxy`); when one is missing the test is skipped with the command that
            installs it, and a skipped test costs no points unless it is an assigned exercise's.

            """;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using Course.Classroom;
using Course.Classroom.Course;
using Course.Classroom.Exercises;
using Course.Classroom.Grading;
using Course.Classroom.Proof;
using Course.Classroom.Starter;
using Course.Cli;

// The classroom tool: what a teacher needs to hand out and grade the course's exercises, and what CI needs
// to prove every exercise test fair. Layout:
//   Course/      the course's folders by convention: chapters, project references, a scratch copy
//   Exercises/   exercise tests found in Exercises/*.cs, un-skipping them, reference solutions (patches)
//   Running/     dotnet and git with deadlines, .trx results, "failed on an assertion"
//   Starter/     the student repository: files handed out, README, workflow, .classroom/assignment.json
//   Grading/     restore the handout, build, test, score by the rubric, text and autograding JSON
//   Proof/       every exercise test fails without its solution and passes with it

var chapter = new Option<string>("--chapter") { Description = "The chapter, by number (04 or 4)", Required = true };
var exercises = new Option<string?>("--exercises") { Description = "Exercise numbers to assign, such as 1,3 (default: every exercise with a test)" };
var output = new Option<string>("--out") { Description = "A new folder for the student repository", Required = true };
var starter = new Command("starter", "Write a student repository for an assignment: chapters up to --chapter, the assigned exercise tests switched on, a README and a grading workflow")
    { chapter, exercises, output };
starter.SetAction(async (args, cancel) =>
{
    CourseTree course = CourseTree.OfThisTool();
    await new StarterWriter(course, Console.Out).WriteAsync(course.Chapter(args.GetValue(chapter)!), Numbers(args.GetValue(exercises)), args.GetValue(output)!, cancel);
    return ExitCodes.Success;
});

var folder = new Argument<string>("folder") { Description = "The student repository (made by starter)" };
var json = new Option<string?>("--json") { Description = "Also write the grade as GitHub Classroom autograding JSON to this file" };
var bound = new Option<double?>("--timeout") { Description = "Stop grading after this many minutes (default: 10 plus 3 per chapter handed out)" };
bound.Validators.Add(r => { if (r.GetValue(bound) is { } m && m is not (> 0 and <= 240)) r.AddError("--timeout must be more than 0 and at most 240 minutes."); });
var grade = new Command("grade", "Grade a student repository: put its tests back as handed out, build, run every test, score by the rubric")
    { folder, json, bound };
grade.SetAction(async (args, cancel) =>
{
    string student = args.GetValue(folder)!;
    if (!Directory.Exists(student)) throw new UserError($"{student}: no such folder.", ExitCodes.Usage);
    double? minutes = args.GetValue(bound);
    await new Grader(CourseTree.OfThisTool(), Console.Out)
        .RunAsync(new GradeOptions(student, args.GetValue(json), minutes is { } m ? TimeSpan.FromMinutes(m) : null), cancel);
    return ExitCodes.Success;
});

var proveChapters = new Option<string[]>("--chapter") { Description = "Prove only these chapters (default: all)", AllowMultipleArgumentsPerToken = true };
var unproven = new Option<string?>("--allow-unproven") { Description = "Chapters, such as 07,08, whose exercise tests may have no solution yet" };
var failFast = Ranged.Above("--fail-fast", "Seconds within which an exercise test must fail without its solution", ProveOptions.DefaultFailFast.TotalSeconds, 0, 600);
var keep = new Option<bool>("--keep") { Description = "Keep the scratch copy to look into a failure" };
var prove = new Command("prove", "Prove in a scratch copy that each exercise test fails on an assertion without its solution and passes with it")
    { proveChapters, unproven, failFast, keep };
prove.SetAction(async (args, cancel) =>
{
    CourseTree course = CourseTree.OfThisTool();
    var options = new ProveOptions([.. (args.GetValue(proveChapters) ?? []).Select(c => course.Chapter(c).Number)],
        (args.GetValue(unproven) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => course.Chapter(c).Number).ToHashSet(),
        TimeSpan.FromSeconds(args.GetValue(failFast)), args.GetValue(keep));
    ProofReport report = await new Prover(course, options, Console.Out).RunAsync(cancel);
    report.Write(Console.Out);
    return ExitCodes.Success;
});

var list = new Command("list", "List every chapter's exercise tests, and which have a reference solution");
list.SetAction(_ =>
{
    CourseTree course = CourseTree.OfThisTool();
    foreach (Chapter each in course.Chapters())
        foreach (ExerciseTest test in ExerciseCatalog.Of(course, each))
            Console.WriteLine($"{test.Label}  [{(course.Exists(test.SolutionPatch) ? "solution" : "no solution")}]");
    return ExitCodes.Success;
});

var solutionChapter = new Option<string>("--chapter") { Description = "The chapter, by number", Required = true };
var solutionExercise = Ranged.Between("--exercise", "The exercise number", 1, 1, 99);
solutionExercise.Required = true;
var apply = new Command("apply", "Put a reference solution into this working tree (three-way if the chapter changed) and switch its test on") { solutionChapter, solutionExercise };
apply.SetAction(async (args, cancel) =>
{
    CourseTree course = CourseTree.OfThisTool();
    await new SolutionWorkflow(course, Console.Out).ApplyAsync(Exercise(course, args.GetValue(solutionChapter)!, args.GetValue(solutionExercise)), cancel);
    return ExitCodes.Success;
});
var save = new Command("save", "Write this working tree's changes to chapters/, docs/ and snapshots as the exercise's reference solution") { solutionChapter, solutionExercise };
save.SetAction(async (args, cancel) =>
{
    CourseTree course = CourseTree.OfThisTool();
    await new SolutionWorkflow(course, Console.Out).SaveAsync(Exercise(course, args.GetValue(solutionChapter)!, args.GetValue(solutionExercise)), cancel);
    return ExitCodes.Success;
});
var solution = new Command("solution", "Keep a reference solution up to date (for course contributors)") { apply, save };

return CourseApp.Run("shared/Course.Classroom", "The course's classroom tool: make an assignment (starter), grade it (grade), prove the exercise tests (prove)", args,
    starter, grade, prove, list, solution);

static IReadOnlyList<int>? Numbers(string? text)
{
    if (string.IsNullOrWhiteSpace(text)) return null;
    var numbers = new List<int>();
    foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        numbers.Add(int.TryParse(part, out int n) && n > 0 ? n
            : throw new UserError($"--exercises {text}: give exercise numbers separated by commas, such as 1,3.", ExitCodes.Usage));
    return numbers;
}

static ExerciseTest Exercise(CourseTree course, string chapterNumber, int number)
{
    Chapter found = course.Chapter(chapterNumber);
    return ExerciseCatalog.Of(course, found).FirstOrDefault(e => e.Number == number)
        ?? throw new UserError($"--exercise {number}: chapter {found.Number} has no test for exercise {number}.", ExitCodes.Usage);
}

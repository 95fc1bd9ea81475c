using System.Diagnostics;
using System.Text.Json;
using Course.Classroom.Course;
using Course.Classroom.Grading;
using Course.Classroom.Starter;

namespace Course.Classroom.Tests;

/// <summary>
/// A whole assignment, as a teacher runs it: chapter 01's exercise 1 handed out with <c>starter</c>, then
/// graded fresh (0 for the exercise, full marks for the rest), with the reference solution applied (full
/// marks), and with the exercise test edited to pass without the work (caught: the grader puts it back).
/// Each grade builds and runs chapter 01's suite, about a minute on two cores.
/// </summary>
public sealed class AssignmentTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"classroom-test-{Guid.NewGuid():N}"[..28]);
    private readonly CourseTree _course = CourseTree.OfThisTool();

    [Fact]
    public async Task A_fresh_starter_scores_zero_for_the_exercise_and_full_marks_for_the_rest()
    {
        string student = await StarterAsync();
        string json = Path.Combine(_folder, "grade.json");

        Grade grade = await GradeAsync(student, json);

        Assert.True(grade.Problem is null, $"the starter should build and run as generated: {grade.Problem}");
        Assert.True(grade.Items[0] is { Score: 0, Status: ItemStatus.Fail }, $"the unsolved exercise should score 0 and fail: {grade.Items[0]}");
        Assert.True(grade.Items[^1] is { Score: Rubric.SuitePoints, Status: ItemStatus.Pass }, $"the rest of the suite should pass as handed out: {grade.Items[^1]}");
        JsonElement root = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
        Assert.Equal(Rubric.MaxScore(1), root.GetProperty("max_score").GetInt32());
        Assert.Equal([0, Rubric.SuitePoints], root.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task The_reference_solution_gets_full_marks()
    {
        string student = await StarterAsync();
        await GitApplyAsync(student, _course.PathOf("tests/01-echo.Tests/Exercises/Solutions/Exercise1.patch"));

        Grade grade = await GradeAsync(student, null);

        Assert.True(grade.Score == Rubric.MaxScore(1), $"the reference solution should get {Rubric.MaxScore(1)} of {Rubric.MaxScore(1)}: {string.Join("; ", grade.Items)}");
    }

    [Fact]
    public async Task An_exercise_test_edited_to_pass_is_put_back_before_grading()
    {
        string student = await StarterAsync();
        string test = Path.Combine(student, "tests", "01-echo.Tests", "Exercises", "ExerciseTests.cs");
        string source = await File.ReadAllTextAsync(test);
        // What a student might try: the exercise's test asserts nothing any more.
        string tampered = System.Text.RegularExpressions.Regex.Replace(source,
            @"(public async Task Exercise1_\w+\(\)\s*\{)", "$1\n        await Task.CompletedTask;\n        if (Environment.ProcessorCount > 0) return;");
        Assert.NotEqual(source, tampered);
        await File.WriteAllTextAsync(test, tampered);
        var log = new StringWriter();

        Grade grade = await GradeAsync(student, null, log);

        Assert.True(grade.Items[0].Score == 0, $"a test edited to pass must not earn the exercise's points: {grade.Items[0]}");
        Assert.Contains("put back 1 file(s) that differ from the handout: tests/01-echo.Tests/Exercises/ExerciseTests.cs", log.ToString());
    }

    private async Task<string> StarterAsync()
    {
        string student = Path.Combine(_folder, "student");
        await new StarterWriter(_course, TextWriter.Null).WriteAsync(_course.Chapter("01"), [1], student, CancellationToken.None);
        return student;
    }

    private async Task<Grade> GradeAsync(string student, string? json, TextWriter? log = null) =>
        await new Grader(_course, log ?? TextWriter.Null).RunAsync(new GradeOptions(student, json, TimeSpan.FromMinutes(10)), CancellationToken.None);

    private static async Task GitApplyAsync(string folder, string patch)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["apply", "--whitespace=nowarn", patch]) { WorkingDirectory = folder, RedirectStandardError = true })!;
        string error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(git.ExitCode == 0, $"git apply {patch} in the starter: {error}");
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

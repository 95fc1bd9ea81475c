using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Classroom.Grading;

/// <summary>
/// The grade in the format GitHub Classroom's autograding reporter reads from each runner: a version, an
/// overall status ("pass", "fail" or "error"), <c>max_score</c>, and one entry per test with its name,
/// status, <c>score</c> and message. The reporter adds up the <c>score</c> of the tests and the
/// <c>max_score</c> of the runner, prints each test (a "pass" is shown as passed, anything else with its
/// message) and sends the total to the classroom.
/// </summary>
public static class AutogradingJson
{
    public static string Write(Grade grade)
    {
        var tests = new JsonArray();
        foreach (GradeItem item in grade.Items)
        {
            tests.Add(new JsonObject
            {
                ["name"] = item.Name,
                ["status"] = Word(item.Status),
                ["score"] = item.Score,
                ["max_score"] = item.MaxScore,
                ["message"] = item.Message,
                ["test_code"] = item.Command,
                ["filename"] = item.File,
                ["line_no"] = 0,
                ["execution_time"] = $"{item.Took.TotalSeconds:0.00}s",
            });
        }
        var root = new JsonObject
        {
            ["version"] = 1,
            ["status"] = Word(grade.Status),
            ["max_score"] = grade.MaxScore,
            ["tests"] = tests,
        };
        if (grade.Problem is not null) root["message"] = grade.Problem;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Word(ItemStatus status) => status switch
    {
        ItemStatus.Pass => "pass",
        ItemStatus.Fail => "fail",
        _ => "error",
    };
}

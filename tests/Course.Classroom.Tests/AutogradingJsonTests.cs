using System.Text.Json;
using Course.Classroom.Grading;

namespace Course.Classroom.Tests;

public sealed class AutogradingJsonTests
{
    [Fact]
    public void The_json_holds_the_figures_of_the_printed_grade()
    {
        var grade = new Grade("04", [1], [
            new GradeItem("04 exercise 1: history", 0, 5, ItemStatus.Fail, "its test fails: expected ...", "dotnet test tests/04-chat.Tests --filter Exercise1_x", "tests/04-chat.Tests/Exercises/ExerciseTests.cs", TimeSpan.FromSeconds(1.5)),
            new GradeItem("the rest of the suite", 4, 5, ItemStatus.Fail, "40 passed, 1 failed", "dotnet test Tutorial.sln", "", TimeSpan.FromSeconds(30)),
        ], null);

        JsonElement root = JsonDocument.Parse(AutogradingJson.Write(grade)).RootElement;

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("fail", root.GetProperty("status").GetString());
        Assert.Equal(10, root.GetProperty("max_score").GetInt32());
        JsonElement[] tests = [.. root.GetProperty("tests").EnumerateArray()];
        Assert.Equal([0, 4], tests.Select(t => t.GetProperty("score").GetInt32()));
        Assert.Equal([5, 5], tests.Select(t => t.GetProperty("max_score").GetInt32()));
        Assert.Equal(["fail", "fail"], tests.Select(t => t.GetProperty("status").GetString()));
        Assert.Equal("04 exercise 1: history", tests[0].GetProperty("name").GetString());
        Assert.Equal(grade.Score, tests.Sum(t => t.GetProperty("score").GetInt32()));
    }

    [Fact]
    public void A_grade_that_could_not_finish_is_an_error_not_a_fail()
    {
        var grade = new Grade("01", [1], [new GradeItem("01 exercise 1", 0, 5, ItemStatus.Error, "did not run", "", "", TimeSpan.Zero)], "the code does not build");
        JsonElement root = JsonDocument.Parse(AutogradingJson.Write(grade)).RootElement;
        Assert.Equal("error", root.GetProperty("status").GetString());
        Assert.Equal("the code does not build", root.GetProperty("message").GetString());
    }
}

using Course.Classroom.Exercises;

namespace Course.Classroom.Tests;

public sealed class UnskipTests
{
    private const string Source = """
        [Fact(Skip = "Exercise 1 (one): delete this Skip when you start the exercise")]
        public void Exercise1_one() { }

        [NeedsScaleOutFact(Skip = "Exercise 2 (two): delete this Skip when you start the exercise")]
        public void Exercise2_two() { }

        [Fact(Skip = "a flaky test, not an exercise")]
        public void Something_else() { }
        """;

    [Fact]
    public void Only_the_chosen_exercises_lose_their_skip()
    {
        string after = Unskip.Apply(Source, new HashSet<int> { 2 });
        Assert.Contains("[Fact(Skip = \"Exercise 1 (one)", after);
        Assert.Contains("[NeedsScaleOutFact]\npublic void Exercise2_two", after.Replace("\r", ""));
        Assert.Contains("[Fact(Skip = \"a flaky test, not an exercise\")]", after);
    }

    [Fact]
    public void Every_chosen_exercise_is_switched_on_and_nothing_else_changes()
    {
        string after = Unskip.Apply(Source, new HashSet<int> { 1, 2 });
        Assert.DoesNotContain("Skip = \"Exercise", after);
        Assert.Equal(Source.Replace("(Skip = \"Exercise 1 (one): delete this Skip when you start the exercise\")", "")
            .Replace("(Skip = \"Exercise 2 (two): delete this Skip when you start the exercise\")", ""), after);
    }
}

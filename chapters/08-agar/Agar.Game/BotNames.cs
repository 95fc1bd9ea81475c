namespace Agar.Game;

/// <summary>Names for computer players, so the leaderboard reads like a computing hall of fame. One list for every kind of bot.</summary>
public static class BotNames
{
    private static readonly string[] Names =
    [
        "Ada", "Alan", "Grace", "Linus", "Barbara", "Dennis", "Ken", "Margaret", "Edsger", "Donald",
        "Niklaus", "Frances", "John", "Radia", "Tim", "Vint", "Bjarne", "Anders", "Guido", "Hedy",
    ];

    /// <summary>The i-th name: the list, then the list again numbered ("Ada 2", "Alan 2", ...).</summary>
    public static string For(int i) => i < Names.Length ? Names[i] : $"{Names[i % Names.Length]} {i / Names.Length + 1}";
}

namespace Samenreken.Synthetic;

/// <summary>Name, street and municipality lists for letters and the fairness monitor (illustrative, not drawn from data).</summary>
internal static class Names
{
    public static readonly string[] Female = ["Anna", "Maria", "Johanna", "Cornelia", "Wilhelmina", "Elisabeth", "Geertruida", "Hendrika", "Fatima", "Aysel", "Ingrid", "Rita", "Marianne", "Truus", "Joke", "Sonja", "Annie", "Gerda", "Hatice", "Saskia"];

    public static readonly string[] Male = ["Jan", "Johannes", "Cornelis", "Hendrik", "Willem", "Pieter", "Gerrit", "Jacobus", "Mohamed", "Mustafa", "Ahmet", "Dirk", "Kees", "Henk", "Rudy", "Frans", "Theo", "Ramon", "Hans", "Bram"];

    public static readonly string[] Surnames = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "Yilmaz", "El Amrani", "Ramdin", "Kaya", "Bouzid", "Martina"];

    public static readonly string[] Streets = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Julianastraat", "Beatrixlaan", "Wilhelminastraat", "Stationsweg", "Parallelweg", "Lindelaan", "Eikenlaan", "Industrieweg", "Nieuwstraat", "Markt", "Havenstraat"];

    /// <summary>CBS code, name, weight for Dutch-born, weight for people born abroad (Randstad and border heavier).</summary>
    public static readonly (string Code, string Name, double Native, double Abroad)[] Municipalities =
    [
        ("GM0363", "Amsterdam", 4.5, 14), ("GM0599", "Rotterdam", 3.8, 12), ("GM0518", "Den Haag", 3.2, 11),
        ("GM0344", "Utrecht", 1.7, 4), ("GM0772", "Eindhoven", 1.4, 2.5), ("GM0014", "Groningen", 1.4, 1),
        ("GM0935", "Maastricht", 1.0, 3), ("GM0928", "Kerkrade", 0.6, 2.5), ("GM0153", "Enschede", 1.0, 2.5),
        ("GM0983", "Venlo", 0.8, 2), ("GM0034", "Almere", 1.2, 3), ("GM0193", "Zwolle", 1.0, 0.6),
        ("GM0200", "Apeldoorn", 1.4, 0.8), ("GM0080", "Leeuwarden", 1.0, 0.5), ("GM0917", "Heerlen", 0.9, 2),
        ("GM0758", "Breda", 1.2, 1.2), ("GM0855", "Tilburg", 1.3, 1.5), ("GM0268", "Nijmegen", 1.1, 1), ("GM0202", "Arnhem", 1.0, 1.2),
        ("GM0307", "Amersfoort", 1.0, 1), ("GM0114", "Emmen", 1.1, 0.4), ("GM0637", "Zoetermeer", 0.9, 1.5),
        ("GM0402", "Hilversum", 0.8, 0.8), ("GM0106", "Assen", 0.7, 0.3), ("GM0796", "'s-Hertogenbosch", 1.1, 1),
    ];
}

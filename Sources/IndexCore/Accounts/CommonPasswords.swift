/// About two hundred of the most used passwords (from public breach-frequency lists), lowercase.
/// Kept short on purpose: the breached-password check covers the long tail.
enum CommonPasswords {
    static func contains(_ password: String) -> Bool { list.contains(password) }

    private static let list: Set<String> = [
        "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567",
        "dragon", "123123", "baseball", "abc123", "football", "monkey", "letmein", "696969", "shadow",
        "master", "666666", "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321", "superman",
        "1qaz2wsx", "7777777", "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan",
        "jennifer", "zxcvbnm", "asdfgh", "hunter", "buster", "soccer", "harley", "batman", "andrew",
        "tigger", "sunshine", "iloveyou", "2000", "charlie", "robert", "thomas", "hockey", "ranger",
        "daniel", "starwars", "klaster", "112233", "george", "computer", "michelle", "jessica", "pepper",
        "1111", "zxcvbn", "555555", "11111111", "131313", "freedom", "777777", "pass", "maggie", "159753",
        "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda", "summer", "love", "ashley", "nicole",
        "chelsea", "biteme", "matthew", "access", "yankees", "987654321", "dallas", "austin", "thunder",
        "taylor", "matrix", "mobilemail", "mom", "monitor", "monitoring", "montana", "moon", "moscow",
        "welcome", "welcome1", "password1", "password123", "admin", "administrator", "root", "toor", "login",
        "passw0rd", "p@ssw0rd", "p@ssword", "qwerty123", "qwerty1", "1q2w3e4r", "1q2w3e4r5t", "zaq12wsx",
        "letmein1", "football1", "baseball1", "iloveyou1", "princess1", "sunshine1", "master1", "dragon1",
        "monkey1", "shadow1", "abc12345", "secret", "changeme", "default", "guest", "test", "test123",
        "testing", "hello", "hello123", "whatever", "trustme", "starwars1", "pokemon", "naruto", "minecraft",
        "liverpool", "arsenal", "chelsea1", "barcelona", "realmadrid", "samsung", "google", "apple",
        "microsoft", "linux", "ubuntu", "python", "pypi", "django", "flask", "cheeseshop", "warehouse",
        "github", "gitlab", "docker", "kubernetes", "internet", "security", "computer1", "letmein123",
        "qwertyuiop123", "asdfghjkl", "asdfasdf", "qwerqwer", "zxcvzxcv", "aa123456", "a123456", "a12345678",
        "1q2w3e", "qweasd", "qweasdzxc", "147258369", "789456123", "123654", "456789", "987654", "11223344",
        "00000000", "12341234", "abcd1234", "abcdef", "abcdefg", "abcdefgh", "jesus", "blessed", "angel",
        "angels", "flower", "butterfly", "purple", "orange", "banana", "cookie", "chocolate", "summer1",
        "spring", "winter", "autumn", "december", "november", "october", "september", "august", "july",
        "june", "april", "march", "february", "january", "dolphin", "tiger", "lion", "eagle", "falcon",
        "phoenix", "spider", "knight", "wizard", "merlin", "gandalf", "batman1", "superman1", "spiderman",
        "ironman", "captain", "hunter2", "soccer1", "hockey1", "charlie1", "jordan23", "michael1",
        "jennifer1", "jessica1", "ashley1", "nicole1", "daniel1", "andrew1", "joshua1", "matthew1",
        "robert1", "thomas1",
    ]
}

/**
 * The passwords people pick first, from the public breach-corpus top lists (SecLists, NCSC's
 * "100k most common"). Two uses: an exact match (lower-cased) is refused, and so is a password
 * that is one of the base words with only digits and symbols around it ("Password2024!",
 * "!!qwerty123456"), which is how most of the long entries of those lists are made.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  '123123123123', '121212121212', '123321123321', '987654321098', '147258369147', '112233445566',
  '1q2w3e4r5t6y', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwerty1234567', 'qwertyqwerty',
  'asdfghjkl123', 'zxcvbnm12345', '1qaz2wsx3edc', 'qazwsxedcrfv', '1qazxsw23edc', 'q1w2e3r4t5y6',
  'password1234', 'password12345', 'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234',
  'passwordpassword', 'password2023', 'password2024', 'password2025', 'letmein12345', 'welcome12345',
  'welcome2024!', 'iloveyou1234', 'iloveyou12345', 'administrator', 'administrator1', 'changeme1234',
  'changemenow!', 'trustno1trustno1', 'abcdefghijkl', 'abcd1234abcd', 'abc123abc123', 'aaaaaaaaaaaa',
  'football1234', 'baseball1234', 'superman1234', 'starwars1234', 'princess1234', 'sunshine1234',
  'monkey123456', 'dragon123456', 'master123456', 'shadow123456', 'michael12345', 'jennifer1234',
  'computer1234', 'internet1234', 'whatever1234', 'corvette1234', 'mustang12345', 'liverpool123',
  'chelsea12345', 'arsenal12345', 'pokemon12345', 'minecraft123', 'fortnite1234', 'batman123456',
  'spiderman123', 'summer2024!!', 'winter2024!!', 'spring2024!!', 'autumn2024!!', 'company12345',
  'secret123456', 'security1234', 'welcomewelcome', 'qwertyuiopasdfghjkl', 'correcthorsebatterystaple',
]);

/** Words that, with only digits or symbols added, still make a guessable password. */
export const COMMON_BASE_WORDS: ReadonlySet<string> = new Set([
  'password', 'passw', 'pass', 'passwd', 'pwd', 'qwerty', 'qwertz', 'azerty', 'qwertyuiop', 'asdf',
  'asdfgh', 'asdfghjkl', 'zxcvbnm', 'qaz', 'qazwsx', 'abc', 'abcd', 'abcdef', 'letmein', 'welcome',
  'admin', 'administrator', 'root', 'login', 'changeme', 'default', 'secret', 'master', 'iloveyou',
  'monkey', 'dragon', 'shadow', 'sunshine', 'princess', 'football', 'baseball', 'soccer', 'hockey',
  'superman', 'batman', 'starwars', 'pokemon', 'minecraft', 'trustno', 'whatever', 'freedom',
  'computer', 'internet', 'summer', 'winter', 'spring', 'autumn', 'fall', 'love', 'hello', 'test',
  'guest', 'user', 'muster', 'company', 'access', 'matrix', 'michael', 'jennifer', 'charlie',
]);

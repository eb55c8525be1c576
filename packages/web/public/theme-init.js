// Sets the theme before the first paint, so a dark-mode user never sees a white flash (see src/lib/theme.ts).
try {
  var choice = localStorage.getItem('muster.theme');
  if (choice === 'dark' || (choice !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches)) document.documentElement.classList.add('dark');
} catch (e) {}

/** Tailwind CSS v4 through PostCSS: compiles src/app/globals.css (tokens and themes from @tabletap/ui). */
export default {
  plugins: { "@tailwindcss/postcss": {} },
};

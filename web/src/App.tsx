/** Placeholder until the live dashboard lands; links to what already works. */
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 640, margin: '4rem auto', lineHeight: 1.5 }}>
      <h1>Intelligent Queue</h1>
      <p>The live dashboard is coming. Meanwhile:</p>
      <ul>
        <li>
          <a href="/graphql">GraphiQL</a> — queries, mutations and live subscriptions
        </li>
        <li>
          <a href="/docs">REST API docs</a> (Swagger UI)
        </li>
      </ul>
    </main>
  );
}

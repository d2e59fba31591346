export function PopupApp() {
  return <main>Arrow Lens</main>;
}

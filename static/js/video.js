// Videos from other sites are inserted only when the reader presses "Play the video here", so a
// story page makes no request to the video's host before that (see video_block.html).
document.querySelectorAll("[data-video]").forEach((figure) => {
    const button = figure.querySelector("[data-video-load]");
    const template = figure.querySelector("template");
    if (!button || !template) return;
    button.hidden = false;
    button.addEventListener("click", () => {
        const placeholder = figure.querySelector(".block-video__placeholder");
        placeholder.replaceWith(template.content.cloneNode(true));
    });
});

console.log("only a brotli sibling");

/** The id of a category's section on the menu page (what its chip links to). */
export const sectionId = (categoryId: string) => `category-${categoryId}`;
